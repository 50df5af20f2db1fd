import { expect } from 'vitest'
import { describe, it } from './runner'
import type { ConformanceContext } from './conformanceTypes'
import { appendChain, pathIds } from './conformanceTree'
import { at, expectMirrorError, makeMessage, makeSession } from '../fixtures'

export function treeEditConformance(ctx: ConformanceContext): void {
  describe('message tree: delete, restore, edit, import, reopen', () => {
    it('deletes a message with everything below it and returns them for Undo', async () => {
      const s = ctx.storage()
      const session = makeSession({ updatedAt: at(0) })
      await s.createSession(session)
      const [q, a1, q2, a2] = await appendChain(s, session.id, ['q', 'a1', 'q2', 'a2'])
      const [b1, bq2] = await appendChain(s, session.id, ['b1 doomed', 'bq2 doomed'], q, 10)
      const before = await s.listMessages(session.id)

      const result = await s.deleteMessage(b1!)
      expect(result.sessionId).toBe(session.id)
      expect(result.previousLeafId).toBe(bq2)
      expect(result.removed.map((m) => [m.id, m.parentId])).toEqual([
        [b1, q],
        [bq2, b1],
      ])
      expect(result.removed[0]!.content).toBe('b1 doomed')
      // The path falls back to the newest remaining version, and on down its branch.
      expect(await pathIds(s, session.id)).toEqual([q, a1, q2, a2])
      expect(result.session).toMatchObject({
        currentLeafId: a2,
        messageCount: 4,
        updatedAt: at(11),
      })
      expect(await s.getSession(session.id)).toEqual(result.session)
      await expectMirrorError(s.getMessage(bq2!), 'NOT_FOUND')
      expect(await s.search('doomed')).toEqual([])
      expect((await s.listVersions(a1!)).map((m) => [m.id, m.versionCount])).toEqual([[a1, 1]])

      // Undo: the same messages, the same path, the same page.
      const restored = await s.restoreMessages(session.id, result.removed, {
        currentLeafId: result.previousLeafId,
      })
      expect(restored).toMatchObject({ currentLeafId: bq2, messageCount: 6 })
      expect(await s.listMessages(session.id)).toEqual(before)
      expect((await s.search('doomed')).map((h) => h.onCurrentPath)).toEqual([true, true])
    })

    it('deleting the only version ends the path at its parent; off the path changes nothing', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const [q, a1, q2] = await appendChain(s, session.id, ['q', 'a1', 'q2', 'a2'])
      const [b1] = await appendChain(s, session.id, ['b1'], q, 10)
      await s.switchToMessage(a1!)
      const offPath = await s.deleteMessage(b1!)
      expect(offPath.removed.map((m) => m.id)).toEqual([b1])
      expect(offPath.session.currentLeafId).toBe(offPath.previousLeafId)
      expect(await pathIds(s, session.id)).toHaveLength(4)

      const tail = await s.deleteMessage(q2!)
      expect(tail.removed).toHaveLength(2)
      expect(await pathIds(s, session.id)).toEqual([q, a1])
      expect(tail.session).toMatchObject({ currentLeafId: a1, messageCount: 2 })
      // Appending goes on from the new leaf.
      const [next] = await appendChain(s, session.id, ['q3'], undefined, 20)
      expect((await s.getMessage(next!)).parentId).toBe(a1)

      await s.deleteMessage(q!)
      expect(await s.listMessages(session.id)).toEqual({ items: [], hasOlder: false })
      expect(await s.getSession(session.id)).toMatchObject({ currentLeafId: null, messageCount: 0 })
      await expectMirrorError(s.deleteMessage(q!), 'NOT_FOUND')
    })

    it('restores all or nothing, and keeps the current path unless told otherwise', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const other = makeSession()
      await s.createSession(other)
      const [taken] = await appendChain(s, other.id, ['taken'])
      const [q, a1] = await appendChain(s, session.id, ['q', 'a1'])

      const fresh = makeMessage(session.id, { id: 'fresh-1', parentId: q, content: 'fresh words' })
      const clash = makeMessage(session.id, { id: taken!, parentId: 'fresh-1' })
      await expectMirrorError(s.restoreMessages(session.id, [fresh, clash]), 'VALIDATION_FAILED')
      const orphan = makeMessage(session.id, { id: 'fresh-2', parentId: 'msg_nope' })
      await expectMirrorError(s.restoreMessages(session.id, [fresh, orphan]), 'NOT_FOUND')
      await expectMirrorError(s.getMessage('fresh-1'), 'NOT_FOUND')
      expect(await s.search('fresh')).toEqual([])
      expect(await s.getSession(session.id)).toMatchObject({ messageCount: 2, currentLeafId: a1 })

      // A message without a parentId follows the one before it in the list.
      const child = makeMessage(session.id, { id: 'fresh-2', content: 'below fresh' })
      const after = await s.restoreMessages(session.id, [fresh, child])
      expect(after).toMatchObject({ messageCount: 4, currentLeafId: a1 })
      expect(await pathIds(s, session.id)).toEqual([q, a1])
      expect((await s.getMessage('fresh-2')).parentId).toBe('fresh-1')
      expect((await s.switchToMessage('fresh-1')).currentLeafId).toBe('fresh-2')
    })

    it('updates a version in place, on or off the path, but never moves it', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const [q, a1] = await appendChain(s, session.id, ['q', 'a1'])
      const [b1] = await appendChain(s, session.id, ['b1'], q, 10)
      const offPath = await s.getMessage(a1!)
      await s.updateMessage({ ...offPath, content: 'a1 rewritten', status: 'stopped' })
      expect(await s.getMessage(a1!)).toEqual({
        ...offPath,
        content: 'a1 rewritten',
        status: 'stopped',
      })
      expect(await pathIds(s, session.id)).toEqual([q, b1])
      expect((await s.listVersions(b1!)).map((m) => m.content)).toEqual(['a1 rewritten', 'b1'])
      // Version fields from a listing are not stored.
      const listed = (await s.listMessages(session.id)).items[1]!
      await s.updateMessage({ ...listed, content: 'b1 rewritten' })
      expect(await s.getMessage(b1!)).toMatchObject({ content: 'b1 rewritten', parentId: q })
      expect((await s.getMessage(b1!)).versionIndex).toBeUndefined()
      await expectMirrorError(
        s.updateMessage({ ...listed, parentId: a1!, content: 'moved' }),
        'VALIDATION_FAILED',
      )
      expect((await s.getMessage(b1!)).content).toBe('b1 rewritten')
    })

    it('imports a tree with its current leaf', async () => {
      const s = ctx.storage()
      const session = makeSession({ title: 'branched import', updatedAt: at(9) })
      const m = (id: string, parentId: string | null, n: number) =>
        makeMessage(session.id, { id, parentId, content: `${id} words`, createdAt: at(n) })
      const messages = [
        m('i-q', null, 1),
        m('i-a1', 'i-q', 2),
        m('i-a2', 'i-q', 3),
        m('i-q2', 'i-a1', 4),
        m('i-a3', 'i-q', 5),
      ]
      await s.importSession({ ...session, currentLeafId: 'i-q2' }, messages)
      expect(await pathIds(s, session.id)).toEqual(['i-q', 'i-a1', 'i-q2'])
      expect(await s.getSession(session.id)).toMatchObject({
        currentLeafId: 'i-q2',
        messageCount: 5,
        updatedAt: at(9),
      })
      expect((await s.listVersions('i-a1')).map((v) => v.id)).toEqual(['i-a1', 'i-a2', 'i-a3'])
      // Without a leaf: the last message's path.
      const plain = makeSession()
      await s.importSession(plain, [
        makeMessage(plain.id, { id: 'p-1' }),
        makeMessage(plain.id, { id: 'p-2', parentId: null }),
      ])
      expect(await pathIds(s, plain.id)).toEqual(['p-2'])
      // A parent that is not earlier in the list: nothing is written.
      const bad = makeSession()
      await expectMirrorError(
        s.importSession(bad, [makeMessage(bad.id, { id: 'b-1', parentId: 'b-2' })]),
        'NOT_FOUND',
      )
      expect(await s.hasSession(bad.id)).toBe(false)
    })

    if (ctx.durable)
      it('keeps the tree, the current leaf and each choice across reopen', async () => {
        const s = ctx.storage()
        const session = makeSession()
        await s.createSession(session)
        const [q, a1, q2] = await appendChain(s, session.id, ['q', 'a1', 'q2 beacon', 'a2'])
        const [q2b] = await appendChain(s, session.id, ['q2b beacon'], a1, 10)
        const [b1] = await appendChain(s, session.id, ['b1'], q, 20)
        // a1 now remembers q2b; the path is q → b1.
        const before = {
          session: await s.getSession(session.id),
          page: await s.listMessages(session.id),
          versions: await s.listVersions(q2!),
          hits: await s.search('beacon'),
        }
        const reopened = await ctx.reopen()
        expect(await reopened.getSession(session.id)).toEqual(before.session)
        expect(await reopened.listMessages(session.id)).toEqual(before.page)
        expect(await reopened.listVersions(q2!)).toEqual(before.versions)
        expect(await reopened.search('beacon')).toEqual(before.hits)
        expect(await pathIds(reopened, session.id)).toEqual([q, b1])
        await reopened.switchToMessage(a1!)
        expect(await pathIds(reopened, session.id)).toEqual([q, a1, q2b])
      })
  })
}
