import { describe, expect, it } from 'vitest'
import type { Message, Session } from '../../../src/shared/domain'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { localChange, withLocalWrites } from '../../../src/main/storage/localWrites'
import { MAX_CHANGED_IDS } from '../../../src/main/storage/changeFeed'
import { makeMessage, makeSession } from './helpers/fixtures'

const at = '2026-12-04T10:00:00.000Z'
const session = (id: string): Session => makeSession({ id, title: id })
const message = (id: string, sessionId: string, parentId: string | null = null): Message =>
  makeMessage(sessionId, { id, content: `text of ${id}`, parentId })

describe('withLocalWrites', () => {
  it('notes the session each successful write touched, and nothing for reads', async () => {
    const noted: string[][] = []
    const storage = withLocalWrites(new MemoryStorage(), { note: (ids) => noted.push(ids) })
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

  it('notes pins and moves by session, folder writes with no session (windows re-read folders)', async () => {
    const noted: string[][] = []
    const storage = withLocalWrites(new MemoryStorage(), { note: (ids) => noted.push(ids) })
    await storage.createSession(session('s1'))
    await storage.createFolder({ id: 'f1', name: 'Work', createdAt: at })
    await storage.updateSession('s1', { pinned: true, folderId: 'f1' })
    await storage.renameFolder('f1', 'Job')
    await storage.deleteFolder('f1')
    expect(noted).toEqual([['s1'], [], ['s1'], [], []])

    noted.length = 0
    await storage.listFolders()
    await expect(storage.createFolder({ id: 'f2', name: 'x', createdAt: at })).resolves.toBe(
      undefined,
    )
    await expect(storage.createFolder({ id: 'f3', name: 'X', createdAt: at })).rejects.toThrow()
    await expect(storage.deleteFolder('missing')).rejects.toThrow()
    expect(noted).toEqual([[]])
  })

  it('notes nothing when the write fails', async () => {
    const noted: string[][] = []
    const storage = withLocalWrites(new MemoryStorage(), { note: (ids) => noted.push(ids) })
    await storage.createSession(session('s1'))
    noted.length = 0
    await expect(storage.createSession(session('s1'))).rejects.toThrow()
    await expect(storage.updateSession('missing', { title: 'x', updatedAt: at })).rejects.toThrow()
    await expect(storage.appendMessage(message('m1', 'missing'))).rejects.toThrow()
    expect(noted).toEqual([])
  })
})

describe('localChange', () => {
  it('names each session once, and more than the limit as "everything"', () => {
    expect(localChange(['a', 'b', 'a'])).toEqual({ sessionIds: ['a', 'b'], all: false })
    const many = Array.from({ length: MAX_CHANGED_IDS + 1 }, (_, i) => `s${i}`)
    expect(localChange(many)).toEqual({ sessionIds: [], all: true })
  })
})
