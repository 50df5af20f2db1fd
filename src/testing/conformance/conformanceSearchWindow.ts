import { expect } from 'vitest'
import { describe, it } from './runner'
import { RANK_WINDOW } from '../../main/storage/searchRank'
import type { Storage } from '../../main/storage/storage'
import type { Message, Session } from '../../shared/domain'
import type { ConformanceContext } from './conformanceTypes'
import { at, makeMessage, makeSession } from '../fixtures'

/** One imported session; message i is created at `from + i` seconds, oldest first. */
async function imported(
  s: Storage,
  contents: string[],
  from: number,
  session: Partial<Session> = {},
): Promise<Message[]> {
  const owner = makeSession({ messageCount: contents.length, ...session })
  const messages = contents.map((content, i) =>
    makeMessage(owner.id, { id: `${owner.id}_${i}`, content, createdAt: at(from + i) }),
  )
  await s.importSession(owner, messages)
  return messages
}

/**
 * The bounded ranking rule (docs/storage.md): when more than RANK_WINDOW messages match, only the
 * newest RANK_WINDOW are ranked; when fewer than `limit` of them pass the filters, the next
 * RANK_WINDOW older matches join, and so on. Within what is kept: bm25, best first, then newest.
 */
export function searchWindowConformance(ctx: ConformanceContext): void {
  describe('search ranks the newest matches', () => {
    it('ranks only the newest RANK_WINDOW matches when more match', async () => {
      const s = ctx.storage()
      // Strong matches, older than the newest RANK_WINDOW weak ones: left out of the ranking.
      const strong = await imported(s, ['zephyr zephyr zephyr', 'zephyr zephyr'], 0)
      const weak = await imported(
        s,
        Array.from({ length: RANK_WINDOW }, (_, i) => `a zephyr among many other words ${i}`),
        100,
      )
      const hits = await s.search('zephyr', { limit: 5 })
      expect(hits).toHaveLength(5)
      const newest = new Set(weak.map((m) => m.id))
      for (const hit of hits) expect(newest.has(hit.messageId)).toBe(true)
      expect(hits.map((h) => h.messageId)).not.toContain(strong[0]!.id)
      // Equal scores: the newest first.
      expect(hits[0]!.messageId).toBe(weak[weak.length - 1]!.id)

      // With one match fewer than the window holds, every match is ranked: the strong ones lead.
      await s.deleteSession(weak[0]!.sessionId)
      const fewer = await imported(
        s,
        Array.from({ length: RANK_WINDOW - 3 }, (_, i) => `a zephyr among many other words ${i}`),
        5_000,
      )
      const all = await s.search('zephyr', { limit: 3 })
      expect(all.map((h) => h.messageId)).toEqual([strong[0]!.id, strong[1]!.id, fewer.at(-1)!.id])
    })

    it('reaches older matches when the newest ones are filtered out', async () => {
      const s = ctx.storage()
      const older = await imported(s, ['an old quasar note', 'quasar quasar'], 0)
      const put = await imported(
        s,
        Array.from({ length: RANK_WINDOW + 10 }, (_, i) => `quasar ${i}`),
        100,
        { archived: true },
      )
      const hits = await s.search('quasar', { includeArchived: false, limit: 5 })
      expect(hits.map((h) => h.messageId)).toEqual([older[1]!.id, older[0]!.id])
      const excludeIds = [put[0]!.sessionId]
      const without = await s.search('quasar', { excludeSessionIds: excludeIds, limit: 1 })
      expect(without.map((h) => h.messageId)).toEqual([older[1]!.id])
    })
  })
}
