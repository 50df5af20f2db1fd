import { expect } from 'vitest'
import { describe, it } from './runner'
import type { Message } from '../../shared/domain'
import type { Storage } from '../../main/storage/storage'
import type { ConformanceContext } from './conformanceTypes'
import { at, expectMirrorError, makeMessage, makeSession } from '../fixtures'

/** Ids of the session's whole current path, oldest first. */
export async function pathIds(s: Storage, sessionId: string): Promise<string[]> {
  return (await s.listMessages(sessionId, { limit: 10_000 })).items.map((m) => m.id)
}

/** Appends `contents` as a chain below `parentId` (default: the current leaf); their ids. */
export async function appendChain(
  s: Storage,
  sessionId: string,
  contents: string[],
  parentId?: string | null,
  from = 1,
): Promise<string[]> {
  const ids: string[] = []
  for (const [i, content] of contents.entries()) {
    const m: Message = makeMessage(sessionId, {
      id: `${sessionId}-${content.replace(/\W+/g, '-')}`,
      content,
      role: i % 2 === 0 ? 'user' : 'assistant',
      createdAt: at(from + i),
    })
    if (i === 0 && parentId !== undefined) m.parentId = parentId
    await s.appendMessage(m)
    ids.push(m.id)
  }
  return ids
}

export function treeConformance(ctx: ConformanceContext): void {
  describe('message tree', () => {
    it('appends a chain: each message below the current leaf, which it becomes', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      expect((await s.getSession(session.id)).currentLeafId).toBeNull()
      const ids = await appendChain(s, session.id, ['q1', 'a1', 'q2'])
      const listed = (await s.listMessages(session.id)).items
      expect(listed.map((m) => m.parentId)).toEqual([null, ids[0], ids[1]])
      expect(listed.map((m) => [m.versionIndex, m.versionCount])).toEqual([
        [1, 1],
        [1, 1],
        [1, 1],
      ])
      expect((await s.getMessage(ids[2]!)).parentId).toBe(ids[1])
      expect(await s.getSession(session.id)).toMatchObject({
        currentLeafId: ids[2],
        messageCount: 3,
        updatedAt: at(3),
      })
    })

    it('keeps alternatives at one position as siblings, never overwritten', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const [q, a] = await appendChain(s, session.id, ['question', 'first answer'])
      const [again] = await appendChain(s, session.id, ['second answer'], q, 10)
      const [third] = await appendChain(s, session.id, ['third answer'], q, 11)
      expect(await pathIds(s, session.id)).toEqual([q, third])
      const versions = await s.listVersions(a!)
      expect(versions.map((m) => m.content)).toEqual([
        'first answer',
        'second answer',
        'third answer',
      ])
      expect(versions.map((m) => [m.versionIndex, m.versionCount])).toEqual([
        [1, 3],
        [2, 3],
        [3, 3],
      ])
      expect((await s.listVersions(again!)).map((m) => m.id)).toEqual(versions.map((m) => m.id))
      const page = (await s.listMessages(session.id)).items
      expect(page.at(-1)).toMatchObject({ id: third, versionIndex: 3, versionCount: 3 })
      expect((await s.getMessage(a!)).content).toBe('first answer')
      expect(await s.getSession(session.id)).toMatchObject({
        messageCount: 4,
        currentLeafId: third,
        updatedAt: at(11),
      })
    })

    it('a parentId of null adds another version of the first message', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const first = await appendChain(s, session.id, ['hello', 'hi there'])
      const [edited] = await appendChain(s, session.id, ['hello again'], null, 5)
      expect(await pathIds(s, session.id)).toEqual([edited])
      expect((await s.listVersions(first[0]!)).map((m) => m.id)).toEqual([first[0], edited])
      expect((await s.listMessages(session.id)).items[0]).toMatchObject({
        parentId: null,
        versionIndex: 2,
        versionCount: 2,
      })
    })

    it('refuses a parent that is unknown or in another session, writing nothing', async () => {
      const s = ctx.storage()
      const a = makeSession()
      const b = makeSession()
      await s.createSession(a)
      await s.createSession(b)
      const [inB] = await appendChain(s, b.id, ['elsewhere'])
      const [root] = await appendChain(s, a.id, ['root'])
      for (const parentId of ['msg_nope', inB!]) {
        const m = makeMessage(a.id, { parentId, content: 'stray words' })
        await expectMirrorError(s.appendMessage(m), 'NOT_FOUND')
        await expectMirrorError(s.getMessage(m.id), 'NOT_FOUND')
      }
      expect(await s.getSession(a.id)).toMatchObject({ messageCount: 1, currentLeafId: root })
      expect(await s.search('stray')).toEqual([])
    })

    it('pages the current path like a list, through a branched tree', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const main = await appendChain(
        s,
        session.id,
        Array.from({ length: 10 }, (_, i) => `main${i}`),
      )
      // Branch at main4: a new version of main5 and three more below it.
      const alt = await appendChain(s, session.id, ['alt5', 'alt6', 'alt7', 'alt8'], main[4], 20)
      const path = [...main.slice(0, 5), ...alt]
      expect(await pathIds(s, session.id)).toEqual(path)

      const last = await s.listMessages(session.id, { limit: 3 })
      expect(last.items.map((m) => m.id)).toEqual(path.slice(6))
      expect(last.hasOlder).toBe(true)
      const older = await s.listMessages(session.id, { limit: 3, before: last.items[0]!.id })
      expect(older.items.map((m) => m.id)).toEqual(path.slice(3, 6))
      expect(older.items.map((m) => m.versionCount)).toEqual([1, 1, 2])
      const oldest = await s.listMessages(session.id, { limit: 5, before: older.items[0]!.id })
      expect(oldest.items.map((m) => m.id)).toEqual(path.slice(0, 3))
      expect(oldest.hasOlder).toBe(false)
      const forward = await s.listMessages(session.id, { limit: 4, after: path[2]! })
      expect(forward.items.map((m) => m.id)).toEqual(path.slice(3, 7))
      expect(forward.hasOlder).toBe(true)
      expect(
        (await s.listMessages(session.id, { after: path.at(-1)! })).items.map((m) => m.id),
      ).toEqual([])

      // A message on another branch is not a position on this path.
      await expectMirrorError(s.listMessages(session.id, { before: main[7]! }), 'NOT_FOUND')
      await expectMirrorError(s.listMessages(session.id, { after: main[7]! }), 'NOT_FOUND')
    })

    it('switches: the path runs through the message and on down the branch used last', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const [q, a1, q2, a2] = await appendChain(s, session.id, ['q', 'a1', 'q2', 'a2'])
      const [b1, bq2, b2] = await appendChain(s, session.id, ['b1', 'bq2', 'b2'], q, 10)
      const [b2x] = await appendChain(s, session.id, ['b2x'], bq2, 20)
      expect(await pathIds(s, session.id)).toEqual([q, b1, bq2, b2x])

      // Back to the first answer: its old continuation comes back whole.
      let switched = await s.switchToMessage(a1!)
      expect(switched.currentLeafId).toBe(a2)
      expect(await pathIds(s, session.id)).toEqual([q, a1, q2, a2])
      // To the second answer: on down to the reply used last below it, not its first one.
      switched = await s.switchToMessage(b1!)
      expect(switched.currentLeafId).toBe(b2x)
      expect(await pathIds(s, session.id)).toEqual([q, b1, bq2, b2x])
      // A version deep in a branch: every level above now leads to it.
      await s.switchToMessage(a1!)
      switched = await s.switchToMessage(b2!)
      expect(await pathIds(s, session.id)).toEqual([q, b1, bq2, b2])
      expect(switched).toMatchObject({ currentLeafId: b2, messageCount: 8, updatedAt: at(20) })
      // Switching to a message already on the path changes nothing.
      await s.switchToMessage(bq2!)
      expect(await pathIds(s, session.id)).toEqual([q, b1, bq2, b2])
      // Appending continues the current branch.
      const [next] = await appendChain(s, session.id, ['after b2'], undefined, 30)
      expect(await pathIds(s, session.id)).toEqual([q, b1, bq2, b2, next])
      await expectMirrorError(s.switchToMessage('msg_nope'), 'NOT_FOUND')
    })

    it('appending below a message off the path makes the new message current', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const [q, a1, q2] = await appendChain(s, session.id, ['q', 'a1', 'q2'])
      const [b1] = await appendChain(s, session.id, ['b1'], q, 10)
      expect(await pathIds(s, session.id)).toEqual([q, b1])
      const [reply] = await appendChain(s, session.id, ['reply to q2'], q2, 20)
      expect(await pathIds(s, session.id)).toEqual([q, a1, q2, reply])
      expect((await s.getSession(session.id)).currentLeafId).toBe(reply)
    })

    it('lists the path up to a message, itself included', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const [q, a1, q2] = await appendChain(s, session.id, ['q', 'a1', 'q2', 'a2'])
      const [b1] = await appendChain(s, session.id, ['b1'], q, 10)
      expect((await s.listPathTo(q2!)).map((m) => m.id)).toEqual([q, a1, q2])
      const toB1 = await s.listPathTo(b1!)
      expect(toB1.map((m) => [m.id, m.parentId])).toEqual([
        [q, null],
        [b1, q],
      ])
      expect(toB1[1]!.content).toBe('b1')
      // Listing it switches nothing.
      expect(await pathIds(s, session.id)).toEqual([q, b1])
      await expectMirrorError(s.listPathTo('msg_nope'), 'NOT_FOUND')
    })

    it('lists every message of a tree, parents first, in pages', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const main = await appendChain(s, session.id, ['m0', 'm1', 'm2', 'm3'])
      const alt = await appendChain(s, session.id, ['x1', 'x2'], main[0], 10)
      const other = makeSession()
      await s.createSession(other)
      await appendChain(s, other.id, ['not mine'])
      const seen: Message[] = []
      let after: string | null = null
      for (;;) {
        const page = await s.listTree(session.id, { limit: 4, after })
        seen.push(...page.items)
        if (!page.hasMore) break
        after = page.items.at(-1)!.id
      }
      expect(seen.map((m) => m.id).sort()).toEqual([...main, ...alt].sort())
      const position = new Map(seen.map((m, i) => [m.id, i]))
      for (const m of seen) {
        expect(m.parentId).not.toBeUndefined()
        if (m.parentId) expect(position.get(m.parentId)).toBeLessThan(position.get(m.id)!)
      }
      await expectMirrorError(s.listTree('session_nope'), 'NOT_FOUND')
    })

    it('search covers every version and says which hits are on the current path', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const [q, old] = await appendChain(s, session.id, ['tell me about lighthouses', 'old keeper'])
      const [fresh] = await appendChain(s, session.id, ['new keeper'], q, 10)
      const onPath = async (word: string) =>
        Object.fromEntries((await s.search(word)).map((h) => [h.messageId, h.onCurrentPath]))
      expect(await onPath('keeper')).toEqual({ [old!]: false, [fresh!]: true })
      expect(await onPath('lighthouses')).toEqual({ [q!]: true })
      await s.switchToMessage(old!)
      expect(await onPath('keeper')).toEqual({ [old!]: true, [fresh!]: false })
    })
  })
}
