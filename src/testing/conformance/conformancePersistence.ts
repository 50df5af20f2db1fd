import { expect } from 'vitest'
import { describe, it } from './runner'
import type { ConformanceContext } from './conformanceTypes'
import { at, chained, makeMessage, makeRichMessage, makeSession } from '../fixtures'

export function persistenceConformance(ctx: ConformanceContext): void {
  // Only a backend that keeps its data has anything to reopen.
  if (!ctx.durable) return
  describe('persistence', () => {
    it('keeps sessions, messages, archive state and the search index across reopen', async () => {
      const s = ctx.storage()
      const a = makeSession({
        title: 'Kept ◊',
        metadata: { preferences: { pattern: 'creative' } },
      })
      const b = makeSession({ title: 'Archived ✦' })
      await s.createSession(a)
      await s.createSession(b)
      const ms = [
        makeRichMessage(a.id, { createdAt: at(1) }),
        makeMessage(a.id, { content: 'persistent lighthouse ★', createdAt: at(2) }),
        makeMessage(a.id, { content: 'private lighthouse', sensitive: true, createdAt: at(3) }),
      ]
      for (const m of ms) await s.appendMessage(m)
      await s.updateSession(b.id, { archived: true, updatedAt: at(4) })
      const imported = makeSession({ title: 'Imported', messageCount: 1, updatedAt: at(5) })
      const importedMessage = makeMessage(imported.id, { content: 'imported lighthouse' })
      await s.importSession(imported, [importedMessage])
      const before = {
        a: await s.getSession(a.id),
        all: await s.listSessions({ archived: 'all' }),
        messages: await s.listMessages(a.id),
        hits: await s.search('lighthouse'),
      }

      const reopened = await ctx.reopen()
      expect(await reopened.getSession(a.id)).toEqual(before.a)
      expect(before.a.messageCount).toBe(3)
      expect(await reopened.listSessions({ archived: 'all' })).toEqual(before.all)
      expect((await reopened.listSessions({ archived: true })).items.map((x) => x.id)).toEqual([
        b.id,
      ])
      expect(await reopened.listMessages(a.id)).toEqual(before.messages)
      expect(before.messages.items).toEqual(chained(ms, { path: true }))
      expect(await reopened.search('lighthouse')).toEqual(before.hits)
      expect(before.hits.map((h) => h.messageId).sort()).toEqual(
        [ms[1]!.id, importedMessage.id].sort(),
      )

      // Still writable after reopening.
      await reopened.appendMessage(makeMessage(a.id, { createdAt: at(9) }))
      expect((await reopened.getSession(a.id)).messageCount).toBe(4)
    })
  })
}
