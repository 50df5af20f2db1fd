import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importChatGptConversation } from '../../../../src/main/services/transfer/import/formats/chatgpt/importChatGpt'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import type { SessionImport, Storage } from '../../../../src/main/storage/storage'
import { importSessionsOf } from '../../../../src/main/storage/storage'
import { makeMessage, makeSession } from '../../storage/helpers/fixtures'
import { writeConversations } from './generateChatGpt'
import { FIXTURES, tempDirs } from './helpers'
import { readFileSync } from 'node:fs'

const dir = tempDirs()

/** Every session's current path, tree (all versions) and leaf, as a reader sees them. */
async function view(storage: Storage) {
  const page = await storage.listSessions({ archived: 'all', limit: 500 })
  return Promise.all(
    page.items.map(async (s) => ({
      id: s.id,
      messageCount: s.messageCount,
      path: (await storage.listMessages(s.id, { limit: 500 })).items.map((m) => m.id),
      tree: (await storage.listTree(s.id)).items.map((m) => [m.id, m.parentId]),
    })),
  )
}

function branching(): SessionImport[] {
  const list = JSON.parse(
    readFileSync(path.join(FIXTURES, 'chatgpt/branching.json'), 'utf8'),
  ) as unknown[]
  return list.map((c) => importChatGptConversation(c))
}

describe('batched imports', () => {
  it('writes a large ChatGPT export in a few bounded transactions, not one per conversation', async () => {
    const file = path.join(dir(), 'conversations.json')
    const conversations = await writeConversations(file, 600_000, 5)
    const storage = await openSqliteStorage(path.join(dir(), 'mirror.db'))
    const writes: Array<{ sessions: number; messages: number }> = []
    const report = await new TransferService({ storage, workDir: dir() }).importFile(
      file,
      'conversations.json',
      { limits: { importBatchMessages: 40 }, onWrite: (w) => writes.push(w) },
    )
    expect(report.imported).toHaveLength(conversations)
    expect(writes.reduce((n, w) => n + w.sessions, 0)).toBe(conversations)
    expect(writes.length).toBeLessThan(conversations / 3)
    // A batch closes once it reaches the cap: at most one session (10 messages) past it.
    for (const w of writes) expect(w.messages).toBeLessThan(40 + 10)
    expect((await storage.listSessions({ limit: 500 })).items).toHaveLength(conversations)
    await storage.close()
  })

  it('SQLite writes a batch with the same trees, paths and leaves as one import at a time', async () => {
    const one = await openSqliteStorage(path.join(dir(), 'one.db'))
    const batch = await openSqliteStorage(path.join(dir(), 'batch.db'))
    const memory = new MemoryStorage()
    for (const { session, messages } of branching()) {
      await one.importSession(session, messages)
      await memory.importSession(session, messages)
    }
    expect(await batch.importSessions(branching())).toEqual(branching().map(() => null))
    const expected = await view(memory)
    expect(await view(one)).toEqual(expected)
    expect(await view(batch)).toEqual(expected)
    // The remembered choices off the path match too: switching to an old version follows them.
    for (const s of expected) {
      const off = s.tree.map(([id]) => id!).find((id) => !s.path.includes(id))
      if (!off) continue
      await batch.switchToMessage(off)
      await memory.switchToMessage(off)
    }
    expect(await view(batch)).toEqual(await view(memory))
    await one.close()
    await batch.close()
  })

  it('a refused session is left out of its batch alone; what was stored is unchanged', async () => {
    const storage = await openSqliteStorage(path.join(dir(), 'mirror.db'))
    const stored = makeSession({ title: 'Stored before' })
    const storedMessage = makeMessage(stored.id, { content: 'kept as it was' })
    await storage.importSession(stored, [storedMessage])
    const a = makeSession({ title: 'A' })
    const b = makeSession({ title: 'B takes a stored message id' })
    const c = makeSession({ title: 'C' })
    const batch: SessionImport[] = [
      { session: a, messages: [makeMessage(a.id)] },
      { session: b, messages: [makeMessage(b.id), { ...storedMessage, sessionId: b.id }] },
      { session: c, messages: [makeMessage(c.id), makeMessage(c.id)] },
    ]
    const results = await importSessionsOf(storage, batch)
    expect(results[0]).toBeNull()
    expect(results[1]?.code).toBe('VALIDATION_FAILED')
    expect(results[2]).toBeNull()
    expect(await storage.hasSession(b.id)).toBe(false)
    expect((await storage.getSession(c.id)).messageCount).toBe(2)
    expect(await storage.getMessage(storedMessage.id)).toMatchObject({
      sessionId: stored.id,
      content: 'kept as it was',
    })
    await storage.close()
  })
})
