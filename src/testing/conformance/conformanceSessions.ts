import { expect } from 'vitest'
import { describe, it } from './runner'
import type { ConformanceContext } from './conformanceTypes'
import { asRoot, at, expectMirrorError, makeMessage, makeSession } from '../fixtures'

export function sessionConformance(ctx: ConformanceContext): void {
  describe('sessions', () => {
    it('creates and reads back a session with every field', async () => {
      const s = ctx.storage()
      const session = makeSession({
        title: 'Reflections ◊ on café ✦',
        createdAt: at(1),
        updatedAt: at(2),
        metadata: { preferences: { pattern: 'creative' }, sdk: { tags: ['a', 'b'] } },
      })
      await s.createSession(session)
      expect(await s.getSession(session.id)).toEqual(session)
      expect(await s.hasSession(session.id)).toBe(true)
      expect(await s.hasSession('session_missing')).toBe(false)
    })

    it('returns copies: changing a returned session does not change storage', async () => {
      const s = ctx.storage()
      const session = makeSession({ metadata: { a: 1 } })
      await s.createSession(session)
      const read = await s.getSession(session.id)
      read.title = 'changed'
      read.metadata.a = 2
      session.title = 'changed too'
      const again = await s.getSession(session.id)
      expect(again.title).toBe('A session')
      expect(again.metadata).toEqual({ a: 1 })
    })

    it('rejects a duplicate session id and keeps the original', async () => {
      const s = ctx.storage()
      const session = makeSession({ title: 'original' })
      await s.createSession(session)
      await expectMirrorError(
        s.createSession({ ...session, title: 'impostor' }),
        'VALIDATION_FAILED',
      )
      expect((await s.getSession(session.id)).title).toBe('original')
    })

    it('reports unknown sessions as NOT_FOUND', async () => {
      const s = ctx.storage()
      await expectMirrorError(s.getSession('session_nope'), 'NOT_FOUND')
      await expectMirrorError(
        s.updateSession('session_nope', { title: 'x', updatedAt: at(5) }),
        'NOT_FOUND',
      )
      await expectMirrorError(s.deleteSession('session_nope'), 'NOT_FOUND')
      await expectMirrorError(s.listMessages('session_nope'), 'NOT_FOUND')
    })

    it('lists the most recently updated first, active only by default', async () => {
      const s = ctx.storage()
      const old = makeSession({ title: 'old', updatedAt: at(10) })
      const recent = makeSession({ title: 'recent', updatedAt: at(30) })
      const middle = makeSession({ title: 'middle', updatedAt: at(20) })
      const archived = makeSession({ title: 'archived', updatedAt: at(40), archived: true })
      for (const x of [old, recent, middle, archived]) await s.createSession(x)

      const active = await s.listSessions()
      expect(active.items.map((x) => x.title)).toEqual(['recent', 'middle', 'old'])
      expect(active.nextCursor).toBeNull()
      expect(active.items[0]).toEqual(recent)

      const onlyArchived = await s.listSessions({ archived: true })
      expect(onlyArchived.items.map((x) => x.title)).toEqual(['archived'])
      const all = await s.listSessions({ archived: 'all' })
      expect(all.items.map((x) => x.title)).toEqual(['archived', 'recent', 'middle', 'old'])
    })

    it('pages with a cursor: no overlap, nothing missed, null cursor at the end', async () => {
      const s = ctx.storage()
      const ids: string[] = []
      // Equal timestamps in pairs, so the tie-break on id matters.
      for (let i = 0; i < 7; i++) {
        const session = makeSession({ title: `s${i}`, updatedAt: at(Math.floor(i / 2)) })
        ids.push(session.id)
        await s.createSession(session)
      }
      const seen: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const page = await s.listSessions({ limit: 3, cursor })
        expect(page.items.length).toBeLessThanOrEqual(3)
        seen.push(...page.items.map((x) => x.id))
        cursor = page.nextCursor
        pages++
      } while (cursor && pages < 10)
      expect(pages).toBe(3)
      expect(new Set(seen).size).toBe(7)
      expect([...seen].sort()).toEqual([...ids].sort())
      const full = await s.listSessions({ limit: 50 })
      expect(seen).toEqual(full.items.map((x) => x.id))
    })

    it('filters by title ignoring case and accents, with the archived filter and paging', async () => {
      const s = ctx.storage()
      const titles = ['Café plans', 'CAFE budget', 'Garden', 'cafés of Lisbon', 'Old café']
      for (const [i, title] of titles.entries()) {
        await s.createSession(
          makeSession({ title, updatedAt: at(i + 1), archived: title === 'Old café' }),
        )
      }
      const match = async (options: Parameters<typeof s.listSessions>[0]) =>
        (await s.listSessions(options)).items.map((x) => x.title)
      expect(await match({ titleContains: 'café' })).toEqual([
        'cafés of Lisbon',
        'CAFE budget',
        'Café plans',
      ])
      expect(await match({ titleContains: ' CAFE ', archived: 'all' })).toHaveLength(4)
      expect(await match({ titleContains: 'cafe', archived: true })).toEqual(['Old café'])
      expect(await match({ titleContains: 'zebra', archived: 'all' })).toEqual([])
      expect(await match({ titleContains: '  ' })).toHaveLength(4)
      const first = await s.listSessions({ titleContains: 'cafe', limit: 2 })
      expect(first.items.map((x) => x.title)).toEqual(['cafés of Lisbon', 'CAFE budget'])
      const rest = await s.listSessions({
        titleContains: 'cafe',
        limit: 2,
        cursor: first.nextCursor,
      })
      expect(rest.items.map((x) => x.title)).toEqual(['Café plans'])
      expect(rest.nextCursor).toBeNull()
    })

    it('gives a null cursor when the last page is exactly full', async () => {
      const s = ctx.storage()
      for (let i = 0; i < 4; i++) await s.createSession(makeSession({ updatedAt: at(i) }))
      const first = await s.listSessions({ limit: 2 })
      expect(first.nextCursor).not.toBeNull()
      const second = await s.listSessions({ limit: 2, cursor: first.nextCursor })
      expect(second.items).toHaveLength(2)
      expect(second.nextCursor).toBeNull()
    })

    it('rejects an invalid cursor with VALIDATION_FAILED', async () => {
      const s = ctx.storage()
      await s.createSession(makeSession())
      await expectMirrorError(s.listSessions({ cursor: 'not a cursor %%' }), 'VALIDATION_FAILED')
      const wrongShape = Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')
      await expectMirrorError(s.listSessions({ cursor: wrongShape }), 'VALIDATION_FAILED')
    })

    it('updates title, archived and metadata, and sets updatedAt', async () => {
      const s = ctx.storage()
      const session = makeSession({ title: 'before', metadata: { keep: true } })
      await s.createSession(session)
      const renamed = await s.updateSession(session.id, { title: 'after ★', updatedAt: at(50) })
      expect(renamed).toEqual({ ...session, title: 'after ★', updatedAt: at(50) })

      const archived = await s.updateSession(session.id, { archived: true, updatedAt: at(60) })
      expect(archived.archived).toBe(true)
      expect(archived.title).toBe('after ★')
      expect((await s.listSessions()).items).toHaveLength(0)
      expect((await s.listSessions({ archived: true })).items.map((x) => x.id)).toEqual([
        session.id,
      ])

      const meta = await s.updateSession(session.id, {
        metadata: { preferences: { pattern: 'strategic', uncertainty: 'low' } },
        updatedAt: at(70),
      })
      expect(meta.metadata).toEqual({ preferences: { pattern: 'strategic', uncertainty: 'low' } })
      expect(await s.getSession(session.id)).toEqual(meta)
      expect(meta.updatedAt).toBe(at(70))
      expect(meta.createdAt).toBe(session.createdAt)
    })

    it('deletes a session together with its messages', async () => {
      const s = ctx.storage()
      const doomed = makeSession()
      const kept = makeSession()
      await s.createSession(doomed)
      await s.createSession(kept)
      const m1 = makeMessage(doomed.id, { content: 'doomed words' })
      const m2 = makeMessage(kept.id, { content: 'kept words' })
      await s.appendMessage(m1)
      await s.appendMessage(m2)

      await s.deleteSession(doomed.id)
      expect(await s.hasSession(doomed.id)).toBe(false)
      await expectMirrorError(s.getSession(doomed.id), 'NOT_FOUND')
      await expectMirrorError(s.getMessage(m1.id), 'NOT_FOUND')
      expect(await s.search('doomed')).toEqual([])
      expect(await s.getMessage(m2.id)).toEqual(asRoot(m2))
      expect((await s.listSessions()).items.map((x) => x.id)).toEqual([kept.id])
      // The id is free again.
      await s.createSession(doomed)
      expect((await s.getSession(doomed.id)).messageCount).toBe(0)
    })
  })
}
