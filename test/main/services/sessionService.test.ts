import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../src/shared/domain'
import { DEFAULT_SESSION_TITLE, SessionService } from '../../../src/main/services/sessionService'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import type { Storage } from '../../../src/main/storage/storage'
import { expectMirrorError } from '../storage/helpers/fixtures'
import { tempStore } from '../storage/jsonStoreHelpers'
import type { StorageHandle } from './helpers'
import { backends, deps } from './helpers'

function userMessage(sessionId: string, n: number, createdAt: string): Message {
  return {
    id: `msg_${sessionId}_${n}`,
    sessionId,
    role: n % 2 === 0 ? 'user' : 'assistant',
    content: `message number ${n}`,
    createdAt,
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  }
}

describe.each(backends)('SessionService on $name storage', (backend) => {
  let handle: StorageHandle
  let storage: Storage
  let sessions: SessionService
  let tick = 0
  const nextTime = (): string =>
    new Date(Date.parse('2025-06-01T00:00:00Z') + ++tick * 1000).toISOString()

  beforeEach(async () => {
    handle = await backend.open()
    storage = handle.storage
    sessions = new SessionService(deps(storage))
  })
  afterEach(() => handle.dispose())

  async function fill(sessionId: string, count: number): Promise<Message[]> {
    const out: Message[] = []
    for (let i = 0; i < count; i++)
      out.push(await sessions.append(userMessage(sessionId, i, nextTime())))
    return out
  }

  it('creates with the default title, or a trimmed one, and stores it', async () => {
    const plain = await sessions.create()
    expect(plain.title).toBe(DEFAULT_SESSION_TITLE)
    expect(plain).toMatchObject({ messageCount: 0, archived: false, metadata: {} })
    expect(plain.createdAt).toBe(plain.updatedAt)
    const named = await sessions.create({ title: '  Garden plans \n' })
    expect(named.title).toBe('Garden plans')
    expect(await sessions.get(named.id)).toEqual(named)
    expect(named.id).not.toBe(plain.id)
  })

  it('rejects empty, blank and over-long titles without storing anything', async () => {
    for (const title of ['', '   ', '\n\t', 'x'.repeat(201)]) {
      await expectMirrorError(sessions.create({ title }), 'VALIDATION_FAILED')
    }
    expect((await sessions.list({ archived: 'all' })).items).toEqual([])
    const ok = await sessions.create({ title: 'y'.repeat(200) })
    expect(ok.title).toHaveLength(200)
  })

  it('lists most recently updated first and pages with a cursor', async () => {
    const a = await sessions.create({ title: 'A' })
    const b = await sessions.create({ title: 'B' })
    const c = await sessions.create({ title: 'C' })
    await sessions.append(userMessage(a.id, 0, nextTime()))
    const first = await sessions.list({ limit: 2 })
    expect(first.items.map((s) => s.title)).toEqual(['A', 'C'])
    expect(first.nextCursor).not.toBeNull()
    const second = await sessions.list({ limit: 2, cursor: first.nextCursor })
    expect(second.items.map((s) => s.id)).toEqual([b.id])
    expect(second.nextCursor).toBeNull()
    expect(c.id).toBeTruthy()
    await expectMirrorError(sessions.list({ limit: 0 }), 'VALIDATION_FAILED')
    await expectMirrorError(sessions.list({ limit: 501 }), 'VALIDATION_FAILED')
  })

  it('renames (bumping updatedAt), archives and unarchives', async () => {
    const s = await sessions.create({ title: 'Old' })
    const renamed = await sessions.rename(s.id, '  New name ')
    expect(renamed.title).toBe('New name')
    expect(renamed.updatedAt > s.updatedAt).toBe(true)
    await expectMirrorError(sessions.rename(s.id, '   '), 'VALIDATION_FAILED')
    expect((await sessions.get(s.id)).title).toBe('New name')

    const archived = await sessions.archive(s.id)
    expect(archived.archived).toBe(true)
    expect((await sessions.list()).items).toEqual([])
    expect((await sessions.list({ archived: true })).items.map((x) => x.id)).toEqual([s.id])
    const back = await sessions.unarchive(s.id)
    expect(back.archived).toBe(false)
    expect(back.updatedAt > archived.updatedAt).toBe(true)
    expect((await sessions.list()).items.map((x) => x.id)).toEqual([s.id])
  })

  it('answers NOT_FOUND for unknown ids on every call', async () => {
    const id = 'session_0_missing00'
    await expectMirrorError(sessions.get(id), 'NOT_FOUND')
    await expectMirrorError(sessions.rename(id, 'x'), 'NOT_FOUND')
    await expectMirrorError(sessions.archive(id), 'NOT_FOUND')
    await expectMirrorError(sessions.unarchive(id), 'NOT_FOUND')
    await expectMirrorError(sessions.delete(id), 'NOT_FOUND')
    await expectMirrorError(sessions.messages(id), 'NOT_FOUND')
    await expectMirrorError(
      sessions.setPreferences(id, { pattern: 'creative', uncertainty: 'low' }),
      'NOT_FOUND',
    )
    await expectMirrorError(sessions.append(userMessage(id, 0, nextTime())), 'NOT_FOUND')
  })

  it('deletes a session with its messages', async () => {
    const s = await sessions.create()
    const [m] = await fill(s.id, 2)
    await sessions.delete(s.id)
    await expectMirrorError(sessions.get(s.id), 'NOT_FOUND')
    await expectMirrorError(storage.getMessage(m!.id), 'NOT_FOUND')
  })

  it('stores validated preferences in metadata without reordering the list', async () => {
    const s = await sessions.create()
    const other = await sessions.create()
    const updated = await sessions.setPreferences(s.id, {
      pattern: 'strategic',
      uncertainty: 'high',
    })
    expect(updated.metadata.preferences).toEqual({ pattern: 'strategic', uncertainty: 'high' })
    expect(updated.updatedAt).toBe(s.updatedAt)
    expect((await sessions.list()).items[0]!.id).toBe(other.id)
    const bad = [
      { pattern: 'poetic', uncertainty: 'low' },
      { pattern: 'creative', uncertainty: 'extreme' },
      { pattern: 'creative' },
      { pattern: 'creative', uncertainty: 'low', extra: 1 },
    ]
    for (const prefs of bad) {
      // @ts-expect-error deliberately malformed input, as it could arrive from a host
      await expectMirrorError(sessions.setPreferences(s.id, prefs), 'VALIDATION_FAILED')
    }
    expect((await sessions.get(s.id)).metadata.preferences).toEqual({
      pattern: 'strategic',
      uncertainty: 'high',
    })
  })

  it('pages messages newest-last and towards older ones', async () => {
    const s = await sessions.create()
    const all = await fill(s.id, 7)
    const last = await sessions.messages(s.id, { limit: 3 })
    expect(last.items.map((m) => m.id)).toEqual(all.slice(4).map((m) => m.id))
    expect(last.hasOlder).toBe(true)
    const older = await sessions.messages(s.id, { limit: 3, before: last.items[0]!.id })
    expect(older.items.map((m) => m.id)).toEqual(all.slice(1, 4).map((m) => m.id))
    const oldest = await sessions.messages(s.id, { limit: 3, before: older.items[0]!.id })
    const onPath = { versionIndex: 1, versionCount: 1 }
    expect(oldest).toEqual({ items: [{ ...all[0], parentId: null, ...onPath }], hasOlder: false })
    expect((await sessions.get(s.id)).messageCount).toBe(7)
  })

  it('returns a page around a message, a few newer ones included', async () => {
    const s = await sessions.create()
    const all = await fill(s.id, 30)
    const ids = all.map((m) => m.id)
    const mid = await sessions.messagesAround(s.id, ids[10]!, 8)
    // 5 newer ones after the target, the rest older, oldest first.
    expect(mid.items.map((m) => m.id)).toEqual(ids.slice(8, 16))
    expect(mid.hasOlder).toBe(true)

    const nearEnd = await sessions.messagesAround(s.id, ids[28]!, 8)
    expect(nearEnd.items.map((m) => m.id)).toEqual(ids.slice(22, 30))

    const start = await sessions.messagesAround(s.id, ids[1]!, 8)
    // Near the start, newer messages fill the page up to the limit.
    expect(start.items.map((m) => m.id)).toEqual(ids.slice(0, 8))
    expect(start.hasOlder).toBe(false)

    const exactlyFirst = await sessions.messagesAround(s.id, ids[6]!, 12)
    expect(exactlyFirst.items.map((m) => m.id)).toEqual(ids.slice(0, 12))
    expect(exactlyFirst.hasOlder).toBe(false)

    const single = await sessions.messagesAround(s.id, ids[15]!, 1)
    expect(single).toEqual({
      items: [{ ...all[15], parentId: ids[14], versionIndex: 1, versionCount: 1 }],
      hasOlder: true,
    })
  })

  it('finds messages around far back in a long session', async () => {
    const s = await sessions.create()
    const all = await fill(s.id, 1300)
    const page = await sessions.messagesAround(s.id, all[3]!.id, 10)
    expect(page.items.map((m) => m.id)).toEqual(all.slice(0, 10).map((m) => m.id))
  })

  it('refuses messagesAround for a message of another session', async () => {
    const a = await sessions.create()
    const b = await sessions.create()
    const [m] = await fill(a.id, 1)
    await expectMirrorError(sessions.messagesAround(b.id, m!.id), 'NOT_FOUND')
    await expectMirrorError(sessions.messagesAround(a.id, 'msg_nope'), 'NOT_FOUND')
  })

  it('searches titles (archived too, case-insensitive) and message content', async () => {
    const garden = await sessions.create({ title: 'Garden Plans' })
    const old = await sessions.create({ title: 'old GARDEN notes' })
    await sessions.archive(old.id)
    const other = await sessions.create({ title: 'Taxes' })
    await sessions.append({
      ...userMessage(other.id, 0, nextTime()),
      content: 'the garden needs tomatoes',
    })
    const result = await sessions.search('garden')
    expect(result.sessions.map((s) => s.id).sort()).toEqual([garden.id, old.id].sort())
    expect(result.hits.map((h) => h.sessionId)).toEqual([other.id])
    expect(result.hits[0]!.snippet).toContain('garden')
    await expectMirrorError(sessions.search('   '), 'VALIDATION_FAILED')
  })

  it('scans every page of sessions for title matches', async () => {
    for (let i = 0; i < 520; i++)
      await sessions.create({ title: i === 3 ? 'needle here' : `hay ${i}` })
    const result = await sessions.search('NEEDLE')
    expect(result.sessions.map((s) => s.title)).toEqual(['needle here'])
    expect((await sessions.search('hay', { limit: 7 })).sessions).toHaveLength(7)
  })

  it('rejects a malformed message on append and stores nothing', async () => {
    const s = await sessions.create()
    const bad = { ...userMessage(s.id, 0, nextTime()), role: 'robot' } as unknown as Message
    await expectMirrorError(sessions.append(bad), 'VALIDATION_FAILED')
    expect((await sessions.get(s.id)).messageCount).toBe(0)
  })
})

describe('SessionService.problems', () => {
  it('passes on what a JSON store could not read, so hosts need not reach into storage', async () => {
    const store = tempStore(false)
    try {
      const first = await openJsonStorage(store.dir)
      await new SessionService(deps(first)).create({ title: 'kept' })
      await first.close()
      writeFileSync(join(store.dir, 'notes.json'), '{"not": "a session"}')

      const storage = await openJsonStorage(store.dir)
      const sessions = new SessionService(deps(storage))
      const problems = await sessions.problems()
      expect(problems.map((p) => p.location)).toEqual(['notes.json'])
      expect((await sessions.list()).items.map((s) => s.title)).toEqual(['kept'])
      await storage.close()
    } finally {
      store.cleanup()
    }
  })
})
