import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Message, Session } from '../../../src/shared/domain'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { LocalWrite } from '../../../src/main/storage/localWrites'
import { withLocalWrites } from '../../../src/main/storage/localWrites'
import { changeOf } from '../../../src/main/core/localChangeReports'
import { MAX_CHANGED_SESSION_IDS } from '../../../src/shared/events'
import { makeMessage, makeSession } from '../storage/helpers/fixtures'

/** What each write noted: its sessions, or 'folders'. */
function recorder() {
  const noted: Array<string[] | 'folders'> = []
  const note = (write: LocalWrite) => void noted.push(write.folders ? 'folders' : write.sessionIds)
  return { noted, note }
}

const at = '2026-12-04T10:00:00.000Z'
const session = (id: string): Session => makeSession({ id, title: id })
const message = (id: string, sessionId: string, parentId: string | null = null): Message =>
  makeMessage(sessionId, { id, content: `text of ${id}`, parentId })

describe('withLocalWrites', () => {
  it('notes the session each successful write touched, and nothing for reads', async () => {
    const { noted, note } = recorder()
    const storage = withLocalWrites(new MemoryStorage(), { note })
    await storage.createSession(session('s1'))
    await storage.importSession(session('s2'), [message('m1', 's2')])
    await storage.appendMessage(message('m2', 's1'))
    await storage.updateSession('s1', { title: 'Renamed', updatedAt: at })
    await storage.updateMessage({ ...message('m2', 's1'), content: 'edited' })
    await storage.appendMessage(message('m3', 's1', 'm2'))
    await storage.switchToMessage('m2')
    const removed = await storage.deleteMessage('m3')
    await storage.restoreMessages('s1', removed.removed)
    await storage.deleteSession('s2')
    expect(noted).toEqual([
      ['s1'],
      ['s2'],
      ['s1'],
      ['s1'],
      ['s1'],
      ['s1'],
      ['s1'],
      ['s1'],
      ['s1'],
      ['s2'],
    ])

    noted.length = 0
    await storage.getSession('s1')
    await storage.listSessions()
    await storage.listMessages('s1')
    await storage.search('edited')
    expect(storage.kind).toBe('memory')
    expect(noted).toEqual([])
  })

  it('notes the sessions a batch import wrote, not the one it refused', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'amos-local-writes-'))
    const inner = await openSqliteStorage(path.join(dir, 'mirror.db'))
    try {
      const { noted, note } = recorder()
      const storage = withLocalWrites(inner, { note })
      await inner.importSession(session('old'), [message('taken', 'old')])
      const results = await storage.importSessions!([
        { session: session('a'), messages: [message('a1', 'a')] },
        { session: session('b'), messages: [message('taken', 'b')] },
        { session: session('c'), messages: [message('c1', 'c')] },
      ])
      expect(results.map((r) => r?.code ?? null)).toEqual([null, 'VALIDATION_FAILED', null])
      expect(noted).toEqual([['a', 'c']])
      // A backend without batch writes offers none through the wrapper either.
      expect(withLocalWrites(new MemoryStorage(), { note }).importSessions).toBeUndefined()
    } finally {
      await inner.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('notes pins and moves by session, folder writes as a folder change', async () => {
    const { noted, note } = recorder()
    const storage = withLocalWrites(new MemoryStorage(), { note })
    await storage.createSession(session('s1'))
    await storage.createFolder({ id: 'f1', name: 'Work', createdAt: at })
    await storage.updateSession('s1', { pinned: true, folderId: 'f1' })
    await storage.renameFolder('f1', 'Job')
    await storage.deleteFolder('f1')
    expect(noted).toEqual([['s1'], 'folders', ['s1'], 'folders', 'folders'])

    noted.length = 0
    await storage.listFolders()
    await expect(storage.createFolder({ id: 'f2', name: 'x', createdAt: at })).resolves.toBe(
      undefined,
    )
    await expect(storage.createFolder({ id: 'f3', name: 'X', createdAt: at })).rejects.toThrow()
    await expect(storage.deleteFolder('missing')).rejects.toThrow()
    expect(noted).toEqual(['folders'])
  })

  it('notes nothing when the write fails', async () => {
    const { noted, note } = recorder()
    const storage = withLocalWrites(new MemoryStorage(), { note })
    await storage.createSession(session('s1'))
    noted.length = 0
    await expect(storage.createSession(session('s1'))).rejects.toThrow()
    await expect(storage.updateSession('missing', { title: 'x', updatedAt: at })).rejects.toThrow()
    await expect(storage.appendMessage(message('m1', 'missing'))).rejects.toThrow()
    expect(noted).toEqual([])
  })
})

describe('changeOf (a batch of local writes as one sessions.changed)', () => {
  it('names each session once, more than the limit as "everything", and says when folders changed', () => {
    expect(changeOf({ ids: new Set(['a', 'b']), folders: false })).toEqual({
      sessionIds: ['a', 'b'],
      all: false,
    })
    const many = new Set(Array.from({ length: MAX_CHANGED_SESSION_IDS + 1 }, (_, i) => `s${i}`))
    expect(changeOf({ ids: many, folders: false })).toEqual({ sessionIds: [], all: true })
    expect(changeOf({ ids: new Set(), folders: true })).toEqual({
      sessionIds: [],
      all: false,
      folders: true,
    })
  })
})
