import { expect } from 'vitest'
import { describe, it } from './runner'
import type { Storage } from '../../main/storage/storage'
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../shared/domain'
import type { Message, Session } from '../../shared/domain'
import type { ConformanceContext } from './conformanceTypes'
import { at, chained, makeMessage, makeSession } from '../fixtures'
import { searchOptionsConformance } from './conformanceSearchOptions'
import { searchWindowConformance } from './conformanceSearchWindow'

const mark = (word: string): string => `${SNIPPET_OPEN}${word}${SNIPPET_CLOSE}`

async function seed(
  s: Storage,
  contents: string[],
  session: Session = makeSession({ title: 'Searchable' }),
): Promise<{ session: Session; messages: Message[] }> {
  if (!(await s.hasSession(session.id))) await s.createSession(session)
  const messages: Message[] = []
  for (const [i, content] of contents.entries()) {
    const m = makeMessage(session.id, { content, createdAt: at(100 + i) })
    await s.appendMessage(m)
    messages.push(m)
  }
  return { session, messages }
}

/** Sorted message ids of search hits or of messages, to compare sets. */
const ids = (items: Array<{ messageId: string } | Message>): string[] =>
  items.map((x) => ('messageId' in x ? x.messageId : x.id)).sort()

export function searchConformance(ctx: ConformanceContext): void {
  describe('search', () => {
    it('matches whole words, case-insensitively, requiring every term', async () => {
      const s = ctx.storage()
      const { messages: m } = await seed(s, [
        'The Garden grows slowly',
        'a garden of forking paths',
        'gardening is patient work',
        'paths through the woods',
      ])
      expect(ids(await s.search('garden'))).toEqual(ids([m[0]!, m[1]!]))
      expect(ids(await s.search('GARDEN'))).toEqual(ids([m[0]!, m[1]!]))
      expect(ids(await s.search('garden paths'))).toEqual(ids([m[1]!]))
      expect(ids(await s.search('paths garden'))).toEqual(ids([m[1]!]))
      expect(await s.search('garden woods')).toEqual([])
      expect(await s.search('gard')).toEqual([])
    })

    it('supports a trailing * as a prefix', async () => {
      const s = ctx.storage()
      const { messages: m } = await seed(s, ['gardening is patient', 'a garden', 'guardian'])
      expect(ids(await s.search('garden*'))).toEqual(ids([m[0]!, m[1]!]))
      expect(ids(await s.search('gard* patient'))).toEqual(ids([m[0]!]))
    })

    it('ignores accents in both directions', async () => {
      const s = ctx.storage()
      const { messages: m } = await seed(s, ['Meet me at the café', 'a naive plan', 'plain text'])
      expect(ids(await s.search('cafe'))).toEqual(ids([m[0]!]))
      expect(ids(await s.search('CAFÉ'))).toEqual(ids([m[0]!]))
      expect(ids(await s.search('naïve'))).toEqual(ids([m[1]!]))
    })

    it('wraps the matched word in the snippet markers and carries the session', async () => {
      const s = ctx.storage()
      const session = makeSession({ title: 'Morning pages ◊' })
      const { messages } = await seed(s, ['I wrote about the Ocean and the tide today'], session)
      const [hit] = await s.search('ocean')
      expect(hit).toBeDefined()
      expect(hit!.snippet).toContain(mark('Ocean'))
      expect(hit!.sessionId).toBe(session.id)
      expect(hit!.sessionTitle).toBe('Morning pages ◊')
      expect(hit!.messageId).toBe(messages[0]!.id)
      expect(hit!.role).toBe(messages[0]!.role)
      expect(hit!.createdAt).toBe(messages[0]!.createdAt)
    })

    it('never returns sensitive messages, even after they are updated', async () => {
      const s = ctx.storage()
      const session = makeSession()
      await s.createSession(session)
      const secret = makeMessage(session.id, { content: 'my secret diary', sensitive: true })
      const open = makeMessage(session.id, { content: 'an open diary' })
      await s.appendMessage(secret)
      await s.appendMessage(open)
      expect(ids(await s.search('diary'))).toEqual([open.id])
      expect(await s.search('secret')).toEqual([])

      await s.updateMessage({ ...secret, content: 'my secret diary, revised' })
      expect(await s.search('revised')).toEqual([])

      await s.updateMessage({ ...open, sensitive: true })
      expect(await s.search('diary')).toEqual([])

      await s.updateMessage({ ...secret, content: 'declassified diary', sensitive: false })
      expect(ids(await s.search('diary'))).toEqual([secret.id])
      expect(await s.search('secret')).toEqual([])
    })

    it('follows updates and deletes', async () => {
      const s = ctx.storage()
      const { session, messages } = await seed(s, ['the first draft', 'unrelated'])
      await s.updateMessage({ ...messages[0]!, content: 'the final version' })
      expect(await s.search('draft')).toEqual([])
      expect(ids(await s.search('final'))).toEqual([messages[0]!.id])
      await s.deleteSession(session.id)
      expect(await s.search('final')).toEqual([])
    })

    it('uses the current session title in hits', async () => {
      const s = ctx.storage()
      const { session } = await seed(s, ['lantern light'])
      await s.updateSession(session.id, { title: 'Renamed ★', updatedAt: at(500) })
      expect((await s.search('lantern'))[0]?.sessionTitle).toBe('Renamed ★')
    })

    it('includes archived sessions unless includeArchived is false', async () => {
      const s = ctx.storage()
      const active = await seed(s, ['shared harbor words'], makeSession({ title: 'active' }))
      const archived = await seed(
        s,
        ['shared harbor memories'],
        makeSession({ title: 'archived', archived: true }),
      )
      expect(ids(await s.search('harbor'))).toEqual(
        ids([active.messages[0]!, archived.messages[0]!]),
      )
      expect(ids(await s.search('harbor', { includeArchived: false }))).toEqual([
        active.messages[0]!.id,
      ])
    })

    it('honours the limit and puts better matches first', async () => {
      const s = ctx.storage()
      const contents = Array.from({ length: 8 }, (_, i) => `river number ${i} flows`)
      const { messages } = await seed(s, contents)
      expect(await s.search('river', { limit: 3 })).toHaveLength(3)
      expect(await s.search('river')).toHaveLength(8)
      const strong = await seed(s, ['river river river river'])
      // More occurrences of the term rank above one occurrence.
      expect((await s.search('river'))[0]?.messageId).toBe(strong.messages[0]!.id)
      expect(messages).toHaveLength(8)
    })

    it('treats query syntax as plain words and never throws', async () => {
      const s = ctx.storage()
      const { messages } = await seed(s, ['near the end of the line', 'and or not'])
      const weird = [
        '"AND OR NEAR( ^ -',
        'NEAR(a b)',
        '*',
        '"',
        '-',
        'col:umn',
        "'; DROP TABLE messages; --",
        '((( )))',
        '{a b} : ^x',
        'AND',
        '',
        '   ',
        '★ ◊',
      ]
      for (const q of weird) {
        const hits = await s.search(q)
        expect(Array.isArray(hits), q).toBe(true)
      }
      expect(ids(await s.search('NEAR'))).toEqual([messages[0]!.id])
      expect(ids(await s.search('and OR'))).toEqual([messages[1]!.id])
      expect(ids(await s.search('"near"'))).toEqual([messages[0]!.id])
      expect((await s.listMessages(messages[0]!.sessionId)).items).toEqual(
        chained(messages, { path: true }),
      )
    })

    searchOptionsConformance(ctx)
    searchWindowConformance(ctx)
  })
}
