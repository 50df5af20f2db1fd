import { expect } from 'vitest'
import { describe, it } from './runner'
import type { ConformanceContext } from './conformanceTypes'
import { makeMessage, makeSession } from '../fixtures'

/** Storage.findIds: ids by their start, for commands that take a unique prefix of an id. */
export function idConformance(ctx: ConformanceContext): void {
  describe('finding ids by prefix', () => {
    async function seed() {
      const s = ctx.storage()
      const ids = ['pfx_abc1', 'pfx_abc2', 'pfx_abd', 'pfxa_c', 'pfx_a', 'PFX_UPPER', 'other']
      for (const id of ids) await s.createSession(makeSession({ id }))
      const messageIds = ['m_one', 'm_two', 'm_t%o', 'n_one']
      for (const id of messageIds) await s.appendMessage(makeMessage('pfx_abd', { id }))
      return s
    }

    it('returns the ids that start with the prefix, in id order, up to the limit', async () => {
      const s = await seed()
      expect(await s.findIds('session', 'pfx_ab', 10)).toEqual(['pfx_abc1', 'pfx_abc2', 'pfx_abd'])
      expect(await s.findIds('session', 'pfx_ab', 2)).toEqual(['pfx_abc1', 'pfx_abc2'])
      // An id equal to the prefix comes before the longer ids it starts.
      expect(await s.findIds('session', 'pfx_a', 10)).toEqual([
        'pfx_a',
        'pfx_abc1',
        'pfx_abc2',
        'pfx_abd',
      ])
    })

    it('takes the prefix literally: no wildcards, case counts', async () => {
      const s = await seed()
      // "_" and "%" are LIKE wildcards; here they are characters of the id.
      expect(await s.findIds('session', 'pfx_', 10)).not.toContain('pfxa_c')
      expect(await s.findIds('session', 'pfx', 10)).not.toContain('PFX_UPPER')
      expect(await s.findIds('session', 'PFX', 10)).toEqual(['PFX_UPPER'])
      expect(await s.findIds('message', 'm_t%', 10)).toEqual(['m_t%o'])
      expect(await s.findIds('session', 'nothing', 10)).toEqual([])
    })

    it('finds message ids across sessions, apart from session ids', async () => {
      const s = await seed()
      await s.appendMessage(makeMessage('other', { id: 'm_three' }))
      expect(await s.findIds('message', 'm_t', 10)).toEqual(['m_t%o', 'm_three', 'm_two'])
      expect(await s.findIds('message', 'pfx', 10)).toEqual([])
      expect(await s.findIds('session', 'm_', 10)).toEqual([])
      await s.deleteSession('other')
      expect(await s.findIds('message', 'm_t', 10)).toEqual(['m_t%o', 'm_two'])
      expect(await s.findIds('session', 'oth', 10)).toEqual([])
    })
  })
}
