import { expect } from 'vitest'
import { describe, it } from './runner'
import type { Folder } from '../../shared/domain'
import type { ConformanceContext } from './conformanceTypes'
import { at, expectMirrorError, makeMessage, makeSession } from '../fixtures'

let folderCount = 0
function makeFolder(name: string, overrides: Partial<Folder> = {}): Folder {
  folderCount += 1
  return { id: `folder_${Date.now()}_${folderCount}`, name, createdAt: at(0), ...overrides }
}

const ids = (page: { items: { id: string }[] }): string[] => page.items.map((s) => s.id)

export function folderConformance(ctx: ConformanceContext): void {
  describe('pins and folders', () => {
    it('reads sessions as unpinned and in no folder until organised', async () => {
      const s = ctx.storage()
      const { pinned: _p, folderId: _f, ...plain } = makeSession()
      await s.createSession(plain)
      const read = await s.getSession(plain.id)
      expect(read.pinned).toBe(false)
      expect(read.folderId).toBeNull()
    })

    it('lists pinned sessions first, then by updatedAt; pinning keeps updatedAt', async () => {
      const s = ctx.storage()
      const old = makeSession({ title: 'old', updatedAt: at(10) })
      const recent = makeSession({ title: 'recent', updatedAt: at(30) })
      const middle = makeSession({ title: 'middle', updatedAt: at(20) })
      for (const x of [old, recent, middle]) await s.createSession(x)
      const pinned = await s.updateSession(old.id, { pinned: true })
      expect(pinned.pinned).toBe(true)
      expect(pinned.updatedAt).toBe(at(10))
      expect(ids(await s.listSessions())).toEqual([old.id, recent.id, middle.id])
      await s.updateSession(old.id, { pinned: false })
      expect(ids(await s.listSessions())).toEqual([recent.id, middle.id, old.id])
      expect((await s.getSession(old.id)).updatedAt).toBe(at(10))
    })

    it('pages across the pinned boundary without gaps or repeats', async () => {
      const s = ctx.storage()
      const sessions = Array.from({ length: 7 }, (_, i) => makeSession({ updatedAt: at(i) }))
      for (const x of sessions) await s.createSession(x)
      // Two old sessions pinned: they come first although they are the oldest.
      await s.updateSession(sessions[0]!.id, { pinned: true })
      await s.updateSession(sessions[1]!.id, { pinned: true })
      const seen: string[] = []
      let cursor: string | null = null
      do {
        const page = await s.listSessions({ limit: 3, cursor })
        seen.push(...ids(page))
        cursor = page.nextCursor
      } while (cursor)
      const expected = [1, 0, 6, 5, 4, 3, 2].map((i) => sessions[i]!.id)
      expect(seen).toEqual(expected)
    })

    it('creates, lists by name, renames and refuses a name taken in any case', async () => {
      const s = ctx.storage()
      const work = makeFolder('Work')
      const home = makeFolder('home')
      await s.createFolder(work)
      await s.createFolder(home)
      expect(await s.listFolders()).toEqual([home, work])
      await expectMirrorError(s.createFolder(makeFolder('WORK')), 'FOLDER_EXISTS')
      await expectMirrorError(s.renameFolder(home.id, 'work'), 'FOLDER_EXISTS')
      const renamed = await s.renameFolder(work.id, 'Zeta work')
      expect(renamed).toEqual({ ...work, name: 'Zeta work' })
      // A folder may change the case of its own name.
      expect((await s.renameFolder(home.id, 'Home')).name).toBe('Home')
      expect((await s.listFolders()).map((f) => f.name)).toEqual(['Home', 'Zeta work'])
      await expectMirrorError(s.renameFolder('folder_missing', 'x'), 'NOT_FOUND')
      await expectMirrorError(s.deleteFolder('folder_missing'), 'NOT_FOUND')
    })

    it('moves sessions into folders and lists one folder or no folder', async () => {
      const s = ctx.storage()
      const folder = makeFolder('Research')
      await s.createFolder(folder)
      const a = makeSession({ updatedAt: at(1) })
      const b = makeSession({ updatedAt: at(2) })
      await s.createSession(a)
      await s.createSession(b)
      const moved = await s.updateSession(a.id, { folderId: folder.id })
      expect(moved.folderId).toBe(folder.id)
      expect(moved.updatedAt).toBe(at(1))
      expect(ids(await s.listSessions({ folderId: folder.id }))).toEqual([a.id])
      expect(ids(await s.listSessions({ folderId: null }))).toEqual([b.id])
      expect(ids(await s.listSessions())).toEqual([b.id, a.id])
      await s.updateSession(a.id, { folderId: null })
      expect(ids(await s.listSessions({ folderId: folder.id }))).toEqual([])
    })

    it('refuses an unknown folder and changes nothing', async () => {
      const s = ctx.storage()
      const folder = makeFolder('Kept')
      await s.createFolder(folder)
      const a = makeSession({ updatedAt: at(1) })
      await s.createSession(a)
      await s.updateSession(a.id, { folderId: folder.id })
      await expectMirrorError(
        s.updateSession(a.id, { folderId: 'folder_missing', title: 'changed' }),
        'NOT_FOUND',
      )
      const read = await s.getSession(a.id)
      expect(read.folderId).toBe(folder.id)
      expect(read.title).toBe(a.title)
      await expectMirrorError(
        s.createSession(makeSession({ folderId: 'folder_missing' })),
        'NOT_FOUND',
      )
    })

    it('deleting a folder keeps its sessions, in no folder, their updatedAt unchanged', async () => {
      const s = ctx.storage()
      const folder = makeFolder('Old project')
      const other = makeFolder('Other')
      await s.createFolder(folder)
      await s.createFolder(other)
      const a = makeSession({ updatedAt: at(5) })
      const b = makeSession({ updatedAt: at(6) })
      const c = makeSession({ updatedAt: at(7) })
      for (const x of [a, b, c]) await s.createSession(x)
      await s.appendMessage(makeMessage(a.id, { createdAt: at(8) }))
      await s.updateSession(a.id, { folderId: folder.id })
      await s.updateSession(b.id, { folderId: folder.id, pinned: true })
      await s.updateSession(c.id, { folderId: other.id })
      await s.deleteFolder(folder.id)
      expect((await s.listFolders()).map((f) => f.id)).toEqual([other.id])
      const readA = await s.getSession(a.id)
      expect(readA).toMatchObject({ folderId: null, updatedAt: at(8), messageCount: 1 })
      expect(await s.getSession(b.id)).toMatchObject({ folderId: null, pinned: true })
      expect((await s.getSession(c.id)).folderId).toBe(other.id)
      expect((await s.listMessages(a.id)).items).toHaveLength(1)
    })

    it('marks search hits of archived sessions', async () => {
      const s = ctx.storage()
      const active = makeSession()
      const archived = makeSession()
      await s.createSession(active)
      await s.createSession(archived)
      await s.appendMessage(makeMessage(active.id, { content: 'harbour lights' }))
      await s.appendMessage(makeMessage(archived.id, { content: 'harbour fog' }))
      await s.updateSession(archived.id, { archived: true })
      const hits = await s.search('harbour')
      const marks = Object.fromEntries(hits.map((h) => [h.sessionId, h.sessionArchived]))
      expect(marks).toEqual({ [active.id]: false, [archived.id]: true })
    })

    if (ctx.durable) {
      it('keeps pins, folders and filing across reopen', async () => {
        const s = ctx.storage()
        const folder = makeFolder('Durable')
        await s.createFolder(folder)
        const a = makeSession({ updatedAt: at(1) })
        const b = makeSession({ updatedAt: at(2) })
        await s.createSession(a)
        await s.createSession(b)
        await s.updateSession(a.id, { pinned: true, folderId: folder.id })
        const before = await s.listSessions()
        const reopened = await ctx.reopen()
        expect(await reopened.listFolders()).toEqual([folder])
        expect(await reopened.listSessions()).toEqual(before)
        expect(await reopened.getSession(a.id)).toMatchObject({
          pinned: true,
          folderId: folder.id,
        })
        await reopened.deleteFolder(folder.id)
        expect((await reopened.getSession(a.id)).folderId).toBeNull()
      })
    }
  })
}
