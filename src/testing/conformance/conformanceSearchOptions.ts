import { expect } from 'vitest'
import { describe, it } from './runner'
import { COMMON_TERM_MIN_DOCS } from '../../main/storage/anyTerms'
import type { Storage } from '../../main/storage/storage'
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../shared/domain'
import type { Message, Session } from '../../shared/domain'
import type { ConformanceContext } from './conformanceTypes'
import { at, makeMessage, makeSession } from '../fixtures'

async function seed(s: Storage, contents: string[], session: Session = makeSession()) {
  await s.createSession(session)
  const messages: Message[] = []
  for (const [i, content] of contents.entries()) {
    const m = makeMessage(session.id, { content, createdAt: at(100 + i) })
    await s.appendMessage(m)
    messages.push(m)
  }
  return { session, messages }
}

const ids = (hits: Array<{ messageId: string }>): string[] => hits.map((h) => h.messageId).sort()
const idsOf = (messages: Message[]): string[] => messages.map((m) => m.id).sort()

/** SearchOptions.anyTerms and excludeSessionIds (used by recall), and the hits' score. */
export function searchOptionsConformance(ctx: ConformanceContext): void {
  describe('search options', () => {
    it('anyTerms matches messages holding any term, those with more terms first', async () => {
      const s = ctx.storage()
      const { messages: m } = await seed(s, [
        'lantern by the harbor',
        'a lantern',
        'the harbor',
        'nothing to see',
        'harbor again',
        // Unrelated messages, so that both terms are rare enough to weigh (bm25 idf > 0).
        ...Array.from({ length: 6 }, (_, i) => `nothing to see ${i}`),
      ])
      expect(ids(await s.search('lantern harbor'))).toEqual([m[0]!.id])
      const any = await s.search('lantern harbor', { anyTerms: true })
      expect(ids(any)).toEqual(idsOf([m[0]!, m[1]!, m[2]!, m[4]!]))
      expect(any[0]!.messageId).toBe(m[0]!.id)
      // bm25: the rarer term (lantern, 2 messages) outweighs the commoner one (harbor, 3).
      expect(any.findIndex((h) => h.messageId === m[1]!.id)).toBeLessThan(
        any.findIndex((h) => h.messageId === m[2]!.id),
      )
      expect(ids(await s.search('lant* zebra', { anyTerms: true }))).toEqual(idsOf([m[0]!, m[1]!]))
      expect(await s.search('zebra okapi', { anyTerms: true })).toEqual([])
      expect(await s.search('  ', { anyTerms: true })).toEqual([])
    })

    it('returns a positive score per hit, best first', async () => {
      const s = ctx.storage()
      await seed(s, ['river river river', 'a river', 'river and stone', 'stone'])
      for (const anyTerms of [false, true]) {
        const hits = await s.search('river stone', { anyTerms })
        expect(hits.length).toBeGreaterThan(0)
        const scores = hits.map((h) => h.score)
        for (const score of scores) expect(score).toBeGreaterThan(0)
        expect(scores).toEqual([...scores].sort((a, b) => b - a))
      }
    })

    it('marks every matched term in anyTerms snippets', async () => {
      const s = ctx.storage()
      await seed(s, ['the lantern lit the harbor'])
      const [hit] = await s.search('harbor lantern', { anyTerms: true })
      expect(hit!.snippet).toContain(`${SNIPPET_OPEN}lantern${SNIPPET_CLOSE}`)
      expect(hit!.snippet).toContain(`${SNIPPET_OPEN}harbor${SNIPPET_CLOSE}`)
    })

    it('leaves excluded sessions out before applying the limit', async () => {
      const s = ctx.storage()
      const strong = await seed(
        s,
        Array.from({ length: 30 }, () => 'orchard orchard orchard'),
        makeSession({ title: 'strong' }),
      )
      const weak = await seed(
        s,
        ['an orchard far away from everything else'],
        makeSession({ title: 'weak' }),
      )
      expect((await s.search('orchard', { limit: 1 }))[0]!.sessionId).toBe(strong.session.id)
      for (const anyTerms of [false, true]) {
        const hits = await s.search('orchard', {
          limit: 1,
          anyTerms,
          excludeSessionIds: [strong.session.id],
        })
        expect(ids(hits)).toEqual([weak.messages[0]!.id])
      }
      const both = [strong.session.id, weak.session.id]
      expect(await s.search('orchard', { excludeSessionIds: both })).toEqual([])
      expect(await s.search('orchard', { excludeSessionIds: ['no-such-session'] })).toHaveLength(20)
    })

    it('fills the limit from active sessions when better matches are archived', async () => {
      const s = ctx.storage()
      await seed(
        s,
        Array.from({ length: 60 }, () => 'meadow meadow meadow'),
        makeSession({ title: 'put away', archived: true }),
      )
      const active = await seed(s, ['one meadow among many words here'])
      const hits = await s.search('meadow', { limit: 1, includeArchived: false, anyTerms: true })
      expect(ids(hits)).toEqual([active.messages[0]!.id])
    })

    it('never returns sensitive messages with anyTerms or exclusions', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const secret = makeMessage(session.id, { content: 'secret willow', sensitive: true })
      const open = makeMessage(session.id, { content: 'open willow' })
      await s.appendMessage(secret)
      await s.appendMessage(open)
      expect(ids(await s.search('secret willow', { anyTerms: true }))).toEqual([open.id])
      expect(ids(await s.search('willow', { anyTerms: true, excludeSessionIds: ['x'] }))).toEqual([
        open.id,
      ])
    })

    it('anyTerms leaves out a term common to most messages while a rarer one is present', async () => {
      const s = ctx.storage()
      const session = makeSession({ messageCount: COMMON_TERM_MIN_DOCS + 2 })
      const filler = Array.from({ length: COMMON_TERM_MIN_DOCS + 1 }, (_, i) =>
        makeMessage(session.id, {
          id: `filler_${i}`,
          content: `common words ${i}`,
          createdAt: at(i),
        }),
      )
      const rare = makeMessage(session.id, {
        id: 'rare_one',
        content: 'a quokka',
        createdAt: at(COMMON_TERM_MIN_DOCS + 5),
      })
      await s.importSession(session, [...filler, rare])
      expect(ids(await s.search('common quokka', { anyTerms: true, limit: 50 }))).toEqual([rare.id])
      // With nothing rarer to search, the common term is kept.
      expect(await s.search('common zebra', { anyTerms: true, limit: 5 })).toHaveLength(5)
      // AND searches are unaffected.
      expect(await s.search('common', { limit: 5 })).toHaveLength(5)
    })
  })
}
