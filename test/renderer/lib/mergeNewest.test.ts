import { describe, expect, it } from 'vitest'
import { mergeNewest } from '../../../src/renderer/src/lib/messages'
import type { Message } from '../../../src/shared/domain'

function message(id: string, second: number): Message {
  return {
    id,
    sessionId: 's',
    role: 'user',
    content: id,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  }
}

const ids = (items: Message[] | null) => items?.map((m) => m.id) ?? null

describe('mergeNewest', () => {
  const shown = [message('a', 1), message('b', 2), message('c', 3), message('d', 4)]

  it('keeps older loaded messages and adds the new ones', () => {
    const page = [message('c', 3), message('d', 4), message('e', 5)]
    expect(ids(mergeNewest(shown, page, true))).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('drops a stored message the page no longer holds, keeps local stand-ins and later ones', () => {
    const withLocal = [...shown, message('local:1', 5), message('f', 9)]
    const page = [message('b', 2), message('d', 4), message('e', 6)]
    expect(ids(mergeNewest(withLocal, page, true))).toEqual(['a', 'b', 'd', 'local:1', 'e', 'f'])
  })

  it('says the page does not reach what is shown when more than a page arrived', () => {
    expect(mergeNewest(shown, [message('x', 10), message('y', 11)], true)).toBeNull()
    expect(ids(mergeNewest(shown, [message('x', 10)], false))).toEqual(['x'])
  })

  it('an empty session keeps only local stand-ins', () => {
    expect(ids(mergeNewest([...shown, message('local:2', 5)], [], false))).toEqual(['local:2'])
  })
})
