import { cpSync, rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { amos, amosJson, tempDir } from './helpers/runCli'

interface Verify {
  ok: boolean
  count: number
  headHash: string | null
  firstBroken?: { seq: number; reason: string }
}

describe('amos continuity', () => {
  let template: string
  let dir: string
  // Three commands build one data dir; each test works on its own copy.
  beforeAll(async () => {
    template = tempDir()
    const created = await amosJson<{ id: string }>([
      '--data-dir',
      template,
      'sessions',
      'create',
      'One',
    ])
    await amos(['--data-dir', template, 'sessions', 'rename', created.id, 'Two'])
    await amos(['--data-dir', template, 'sessions', 'archive', created.id])
  }, 120_000)
  afterAll(() => rmSync(template, { recursive: true, force: true }))
  beforeEach(() => {
    dir = tempDir()
    cpSync(template, dir, { recursive: true })
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('verify: exit 0 and the entry count when the chain is intact', async () => {
    const plain = await amos(['--data-dir', dir, 'continuity', 'verify'])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/^Chain intact \(3 entries\)\. Head [0-9a-f]{64}\n$/)
    const json = await amosJson<Verify>(['--data-dir', dir, 'continuity', 'verify'])
    expect(json).toMatchObject({ ok: true, count: 3 })
  })

  it('verify: exit 1 naming the first broken entry after a direct edit', async () => {
    const db = new Database(path.join(dir, 'continuity.db'))
    db.prepare("UPDATE continuity_entries SET type = 'session.deleted' WHERE seq = 2").run()
    db.close()
    const plain = await amos(['--data-dir', dir, 'continuity', 'verify'])
    expect(plain.code).toBe(1)
    expect(plain.stdout).toBe('')
    expect(plain.stderr).toMatch(/^CONTINUITY_BROKEN: entry 2 of 3: .+\n$/)
    const json = await amos(['--data-dir', dir, 'continuity', 'verify', '--json'])
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 2 } })
  })

  it('verify: a deleted entry is detected too', async () => {
    const db = new Database(path.join(dir, 'continuity.db'))
    db.prepare('DELETE FROM continuity_entries WHERE seq = 2').run()
    db.close()
    const result = await amos(['--data-dir', dir, 'continuity', 'verify'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^CONTINUITY_BROKEN: entry 3 of 2:/)
  })

  it('log: newest entries first, with --limit', async () => {
    const entries = await amosJson<Array<{ seq: number; type: string }>>([
      '--data-dir',
      dir,
      'continuity',
      'log',
      '--limit',
      '2',
    ])
    expect(entries.map((e) => [e.seq, e.type])).toEqual([
      [3, 'session.archived'],
      [2, 'session.renamed'],
    ])
    const plain = await amos(['--data-dir', dir, 'continuity', 'log'])
    expect(plain.code).toBe(0)
    expect(plain.stdout.split('\n')[0]).toMatch(/^#3 .*session\.archived/)
    const bad = await amos(['--data-dir', dir, 'continuity', 'log', '--limit', '0'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^USAGE: /)
  })
})
