import fs from 'node:fs'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canonicalJson, entryHash, sha256Hex } from '../../../src/main/continuity/chain'
import type { ContinuityLog } from '../../../src/main/continuity/continuityLog'
import { openContinuityLog } from '../../../src/main/continuity/continuityLog'
import { GENESIS_HASH } from '../../../src/main/continuity/continuityTypes'
import { MirrorError } from '../../../src/shared/errors'
import { fill, logFile, openLog } from './helpers/logs'
import { tempDir } from './helpers/temp'

let dir: string
let cleanup: () => void
let log: ContinuityLog
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
  log = openLog(dir)
})
afterEach(async () => {
  await log.close()
  cleanup()
})

async function expectCode(fn: () => Promise<unknown>, code: string): Promise<void> {
  await expect(fn()).rejects.toSatisfy((e) => e instanceof MirrorError && e.code === code)
}

describe('canonical serialization', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'é"' } })).toBe(
      '{"a":{"c":"é\\"","d":[3,{"y":null,"z":true}]},"b":1}',
    )
  })

  it('refuses values JSON cannot represent exactly', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow()
    expect(() => canonicalJson({ n: Infinity })).toThrow()
  })
})

describe('ContinuityLog', () => {
  it('starts empty and verifies', async () => {
    expect(await log.verify()).toEqual({ ok: true, count: 0, headHash: null })
  })

  it('chains entries: seq from 1, genesis prevHash, each hash over the documented fields', async () => {
    const first = await log.append('session.created', 's1', { title: 'Morning pages' })
    const second = await log.append('message.added', 's1', {
      messageId: 'm1',
      role: 'user',
      sensitive: false,
      contentSha256: sha256Hex('hello'),
    })
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, type: 'session.created' })
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, subject: 's1' })
    // The hash is reproducible from the entry's own fields, exactly as docs/continuity.md says.
    const { hash, ...fields } = second
    expect(hash).toBe(
      sha256Hex(
        canonicalJson({
          seq: fields.seq,
          id: fields.id,
          at: fields.at,
          type: fields.type,
          subject: fields.subject,
          data: fields.data,
          prevHash: fields.prevHash,
        }),
      ),
    )
    expect(hash).toBe(entryHash(fields))
    expect(await log.verify()).toEqual({ ok: true, count: 2, headHash: second.hash })
  })

  it('survives reopening and keeps chaining', async () => {
    await fill(log, 5)
    await log.close()
    log = openLog(dir)
    const next = await log.append('session.archived', 's', { title: 'x' })
    expect(next.seq).toBe(6)
    expect((await log.verify()).ok).toBe(true)
  })

  it('rejects unknown types, extra fields (content), a digest on a sensitive message', async () => {
    await fill(log, 2)
    const before = await log.verify()
    const bad = log as unknown as {
      append(type: string, subject: string | null, data: unknown): Promise<unknown>
    }
    await expectCode(() => bad.append('session.exploded', null, {}), 'VALIDATION_FAILED')
    await expectCode(
      () => bad.append('log.cleared', null, { removed: 0, previousHead: null }),
      'VALIDATION_FAILED',
    )
    await expectCode(
      () =>
        bad.append('message.added', 's', {
          messageId: 'm',
          role: 'user',
          sensitive: false,
          content: 'secret',
        }),
      'VALIDATION_FAILED',
    )
    await expectCode(
      () =>
        bad.append('message.added', 's', {
          messageId: 'm',
          role: 'user',
          sensitive: true,
          contentSha256: sha256Hex('secret'),
        }),
      'VALIDATION_FAILED',
    )
    await expectCode(
      () => bad.append('session.created', 'x'.repeat(201), { title: 't' }),
      'VALIDATION_FAILED',
    )
    expect(await log.verify()).toEqual(before)
  })

  it('appendMany chains several entries in one write, or none when one is not valid', async () => {
    await fill(log, 2)
    const events = [1, 2, 3].map((n) => ({
      type: 'import' as const,
      subject: `s${n}`,
      data: { title: `T${n}`, messageCount: n, messagesSha256: sha256Hex(`m${n}`) },
    }))
    const added = await log.appendMany(events)
    expect(added.map((e) => [e.seq, e.subject])).toEqual([
      [3, 's1'],
      [4, 's2'],
      [5, 's3'],
    ])
    expect(added[1]!.prevHash).toBe(added[0]!.hash)
    expect(added[2]!.data).toEqual(events[2]!.data)
    expect((await log.verify()).ok).toBe(true)

    const before = await log.verify()
    const bad = [events[0]!, { ...events[1]!, data: { ...events[1]!.data, content: 'secret' } }]
    await expectCode(() => log.appendMany(bad), 'VALIDATION_FAILED')
    expect(await log.verify()).toEqual(before)
    expect(await log.appendMany([])).toEqual([])
  })

  it('lists newest first in pages for a timeline', async () => {
    await fill(log, 7)
    const first = await log.list({ limit: 3 })
    expect(first.items.map((e) => e.seq)).toEqual([7, 6, 5])
    expect(first.nextBefore).toBe(5)
    const second = await log.list({ limit: 3, before: first.nextBefore })
    expect(second.items.map((e) => e.seq)).toEqual([4, 3, 2])
    const last = await log.list({ limit: 3, before: second.nextBefore })
    expect(last).toMatchObject({ nextBefore: null })
    expect(last.items.map((e) => e.seq)).toEqual([1])
    expect(first.items[0]).toMatchObject({
      type: 'export',
      data: { format: 'markdown', messageCount: 7 },
    })
    expect(first.items[1]).toMatchObject({
      type: 'session.renamed',
      data: { from: 'Old 6', to: 'New 6' },
    })
    await expectCode(() => log.list({ limit: 0 }), 'VALIDATION_FAILED')
    await expectCode(() => log.list({ limit: 501 }), 'VALIDATION_FAILED')
  })

  it('clear() empties the log into one log.cleared genesis entry that records the removal', async () => {
    await fill(log, 6)
    const head = (await log.verify()).headHash
    const genesis = await log.clear()
    expect(genesis).toMatchObject({
      seq: 1,
      type: 'log.cleared',
      prevHash: GENESIS_HASH,
      data: { removed: 6, previousHead: head },
    })
    expect(await log.verify()).toEqual({ ok: true, count: 1, headHash: genesis.hash })
    const next = await log.append('session.created', 's', { title: 'after' })
    expect(next).toMatchObject({ seq: 2, prevHash: genesis.hash })
    expect((await log.verify()).ok).toBe(true)
  })

  it('refuses a file that is not a database and leaves it untouched', async () => {
    const { dir: other, cleanup: done } = tempDir()
    try {
      fs.writeFileSync(
        logFile(other),
        'not a database at all, just text that is long enough '.repeat(4),
      )
      const bytes = fs.readFileSync(logFile(other))
      expect(() => openContinuityLog(other)).toThrow(
        expect.objectContaining({ code: 'STORAGE_CORRUPT' }) as Error,
      )
      expect(fs.readFileSync(logFile(other))).toEqual(bytes)
    } finally {
      done()
    }
  })

  it('refuses a database with foreign tables', () => {
    const { dir: other, cleanup: done } = tempDir()
    try {
      const db = new Database(logFile(other))
      db.exec('CREATE TABLE notes (x TEXT)')
      db.close()
      expect(() => openContinuityLog(other)).toThrow(
        expect.objectContaining({ code: 'STORAGE_CORRUPT' }) as Error,
      )
    } finally {
      done()
    }
  })
})
