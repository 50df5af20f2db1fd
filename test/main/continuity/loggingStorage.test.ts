import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../src/main/continuity/chain'
import type { ContinuityLog } from '../../../src/main/continuity/continuityLog'
import { importDigest, withContinuity } from '../../../src/main/continuity/loggingStorage'
import { createIdGenerator } from '../../../src/main/services/ids'
import { SessionService } from '../../../src/main/services/sessionService'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../src/main/storage/storage'
import type { Message, Session } from '../../../src/shared/domain'
import { MirrorError } from '../../../src/shared/errors'
import { openLog } from './helpers/logs'
import { steppingClock, tempDir } from './helpers/temp'

const session = (id: string, title = 'Garden plans'): Session => ({
  id,
  title,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  messageCount: 0,
  archived: false,
  metadata: {},
})

const message = (id: string, sessionId: string, content: string, sensitive = false): Message => ({
  id,
  sessionId,
  role: 'user',
  content,
  createdAt: '2025-01-01T00:00:01.000Z',
  pattern: null,
  uncertainty: null,
  sensitive,
  status: 'complete',
  provider: null,
  model: null,
  metadata: {},
})

const backends: Array<[string, (dir: string) => Promise<Storage>]> = [
  ['memory', async () => new MemoryStorage()],
  ['sqlite', (dir) => openSqliteStorage(path.join(dir, 'activemirror.db'))],
]

describe.each(backends)('withContinuity over %s storage', (_, open) => {
  let dir: string
  let cleanup: () => void
  let log: ContinuityLog
  let inner: Storage
  let storage: Storage

  beforeEach(async () => {
    ;({ dir, cleanup } = tempDir())
    log = openLog(dir)
    inner = await open(dir)
    storage = withContinuity(inner, log)
  })
  afterEach(async () => {
    await storage.close()
    await log.close()
    cleanup()
  })

  /** Entries oldest first, without the chain fields. */
  async function events(): Promise<Array<{ type: string; subject: string | null; data: unknown }>> {
    const page = await log.list({ limit: 500 })
    return page.items.reverse().map(({ type, subject, data }) => ({ type, subject, data }))
  }

  it('keeps the backend kind and forwards reads without logging', async () => {
    expect(storage.kind).toBe(inner.kind)
    await inner.createSession(session('s1'))
    await inner.appendMessage(message('m1', 's1', 'the quiet garden'))
    expect(await storage.getSession('s1')).toMatchObject({ id: 's1', messageCount: 1 })
    expect(await storage.hasSession('s1')).toBe(true)
    expect((await storage.listSessions()).items).toHaveLength(1)
    expect((await storage.listMessages('s1')).items).toHaveLength(1)
    expect(await storage.getMessage('m1')).toMatchObject({ content: 'the quiet garden' })
    expect(await storage.search('garden')).toHaveLength(1)
    expect(await storage.problems()).toEqual([])
    expect(await events()).toEqual([])
  })

  it('records create, rename, archive, unarchive and delete', async () => {
    await storage.createSession(session('s1', 'Garden plans'))
    await storage.updateSession('s1', {
      title: 'Garden plans 2025',
      updatedAt: '2025-01-02T00:00:00.000Z',
    })
    await storage.updateSession('s1', { archived: true, updatedAt: '2025-01-03T00:00:00.000Z' })
    await storage.updateSession('s1', { archived: false, updatedAt: '2025-01-04T00:00:00.000Z' })
    await storage.appendMessage(message('m1', 's1', 'hi'))
    await storage.deleteSession('s1')
    expect(await events()).toEqual([
      { type: 'session.created', subject: 's1', data: { title: 'Garden plans' } },
      {
        type: 'session.renamed',
        subject: 's1',
        data: { from: 'Garden plans', to: 'Garden plans 2025' },
      },
      { type: 'session.archived', subject: 's1', data: { title: 'Garden plans 2025' } },
      { type: 'session.unarchived', subject: 's1', data: { title: 'Garden plans 2025' } },
      expect.objectContaining({ type: 'message.added' }),
      {
        type: 'session.deleted',
        subject: 's1',
        data: { title: 'Garden plans 2025', messageCount: 1 },
      },
    ])
    expect(await log.verify()).toMatchObject({ ok: true, count: 6 })
  })

  it('derives events from the patch against the stored session', async () => {
    await storage.createSession(session('s1', 'Same'))
    // Same title, same archived flag, metadata only: nothing happened worth recording.
    await storage.updateSession('s1', {
      title: 'Same',
      archived: false,
      updatedAt: '2025-01-02T00:00:00.000Z',
    })
    await storage.updateSession('s1', {
      metadata: { memory: { recall: false } },
      updatedAt: '2025-01-01T00:00:00.000Z',
    })
    // Both at once: two entries.
    await storage.updateSession('s1', {
      title: 'Other',
      archived: true,
      updatedAt: '2025-01-03T00:00:00.000Z',
    })
    expect((await events()).map((e) => e.type)).toEqual([
      'session.created',
      'session.renamed',
      'session.archived',
    ])
  })

  it('records message.added with the SHA-256 of the content, and no digest for sensitive ones', async () => {
    await storage.createSession(session('s1'))
    await storage.appendMessage(message('m1', 's1', 'I planted tulips'))
    await storage.appendMessage(message('m2', 's1', 'my diagnosis', true))
    const added = (await events()).filter((e) => e.type === 'message.added')
    expect(added).toEqual([
      {
        type: 'message.added',
        subject: 's1',
        data: {
          messageId: 'm1',
          role: 'user',
          sensitive: false,
          contentSha256: sha256Hex('I planted tulips'),
        },
      },
      {
        type: 'message.added',
        subject: 's1',
        data: { messageId: 'm2', role: 'user', sensitive: true },
      },
    ])
    // Nothing of the text itself is anywhere in the log.
    const raw = JSON.stringify(await log.list({ limit: 500 }))
    expect(raw).not.toContain('tulips')
    expect(raw).not.toContain('diagnosis')
  })

  it('records an import with its message count and digest', async () => {
    const messages = [message('i1', 'imp', 'one'), message('i2', 'imp', 'two', true)]
    await storage.importSession(session('imp', 'Imported'), messages)
    expect(await events()).toEqual([
      {
        type: 'import',
        subject: 'imp',
        data: { title: 'Imported', messageCount: 2, messagesSha256: importDigest(messages) },
      },
    ])
    expect(importDigest(messages)).toBe(
      sha256Hex(`i1\tuser\t${sha256Hex('one')}\ni2\tuser\tsensitive\n`),
    )
  })

  it('records one import entry per session a batch wrote, none for one it refused', async () => {
    await storage.importSession(session('old', 'Stored'), [message('taken', 'old', 'first')])
    const a = [message('a1', 'a', 'one')]
    const c = [message('c1', 'c', 'three'), message('c2', 'c', 'four')]
    const results = await storage.importSessions!([
      { session: session('a', 'A'), messages: a },
      { session: session('b', 'B'), messages: [message('taken', 'b', 'taken id')] },
      { session: session('c', 'C'), messages: c },
    ])
    expect(results.map((r) => r?.code ?? null)).toEqual([null, 'VALIDATION_FAILED', null])
    expect((await events()).slice(1)).toEqual([
      {
        type: 'import',
        subject: 'a',
        data: { title: 'A', messageCount: 1, messagesSha256: importDigest(a) },
      },
      {
        type: 'import',
        subject: 'c',
        data: { title: 'C', messageCount: 2, messagesSha256: importDigest(c) },
      },
    ])
  })

  it('logs nothing when the write fails', async () => {
    await storage.createSession(session('s1'))
    await storage.appendMessage(message('m1', 's1', 'first'))
    const before = await log.verify()
    const fails: Array<() => Promise<unknown>> = [
      () => storage.createSession(session('s1')),
      () => storage.updateSession('missing', { title: 'x', updatedAt: '2025-01-02T00:00:00.000Z' }),
      () =>
        storage.updateSession('missing', { archived: true, updatedAt: '2025-01-02T00:00:00.000Z' }),
      () => storage.deleteSession('missing'),
      () => storage.appendMessage(message('m2', 'missing', 'orphan')),
      () => storage.appendMessage(message('m1', 's1', 'duplicate id')),
      () => storage.importSession(session('s1'), [message('x1', 's1', 'again')]),
      () => storage.importSession(session('s2'), [message('m1', 's2', 'taken id')]),
    ]
    for (const fail of fails) await expect(fail()).rejects.toBeInstanceOf(MirrorError)
    expect(await log.verify()).toEqual(before)
    expect(await storage.hasSession('s2')).toBe(false)
  })

  it('keeps the write and reports when the log itself fails', async () => {
    const failures: string[] = []
    const broken = withContinuity(
      inner,
      {
        append: () => Promise.reject(new Error('disk full')),
        appendMany: () => Promise.reject(new Error('disk full')),
      },
      { onLogError: (error, type) => failures.push(`${type}: ${(error as Error).message}`) },
    )
    await broken.createSession(session('s9'))
    expect(await inner.hasSession('s9')).toBe(true)
    expect(failures).toEqual(['session.created: disk full'])
  })

  it('logs what SessionService does through it, unchanged', async () => {
    const clock = steppingClock()
    const sessions = new SessionService({ storage, clock, ids: createIdGenerator(clock) })
    const created = await sessions.create({ title: 'Walks' })
    await sessions.rename(created.id, 'Evening walks')
    await sessions.archive(created.id)
    await sessions.setPreferences(created.id, { pattern: 'creative', uncertainty: 'low' })
    await sessions.delete(created.id)
    expect((await events()).map((e) => `${e.type} ${e.subject}`)).toEqual([
      `session.created ${created.id}`,
      `session.renamed ${created.id}`,
      `session.archived ${created.id}`,
      `session.deleted ${created.id}`,
    ])
  })
})
