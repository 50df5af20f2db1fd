import type { Message, MessagePage, SearchHit, Session, SessionPage } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import {
  compareSessionsNewestFirst,
  decodeSessionCursor,
  encodeSessionCursor,
  isAfterCursor,
} from '../cursor'
import type { ListMessagesOptions, ListSessionsOptions, SearchOptions } from '../storage'
import { matchText, parseQuery } from '../textSearch'
import type { SessionRecord } from './sdkMapping'

// Read queries over the in-memory cache, with MemoryStorage's exact ordering and paging.

const clone = <T>(value: T): T => structuredClone(value)

export function pageSessions(
  sessions: Iterable<Session>,
  options: ListSessionsOptions,
): SessionPage {
  const archived = options.archived ?? false
  const limit = options.limit ?? 50
  const cursor = options.cursor ? decodeSessionCursor(options.cursor) : null
  const all = [...sessions]
    .filter((s) => archived === 'all' || s.archived === archived)
    .filter((s) => !cursor || isAfterCursor(s, cursor))
    .sort(compareSessionsNewestFirst)
  const items = all.slice(0, limit).map(clone)
  const last = items[items.length - 1]
  return { items, nextCursor: all.length > limit && last ? encodeSessionCursor(last) : null }
}

export function pageMessages(messages: Message[], options: ListMessagesOptions): MessagePage {
  const limit = options.limit ?? 50
  let end = messages.length
  if (options.before) {
    end = messages.findIndex((m) => m.id === options.before)
    if (end < 0) throw new MirrorError('NOT_FOUND', `No message with id ${options.before}.`)
  }
  const start = Math.max(0, end - limit)
  return { items: messages.slice(start, end).map(clone), hasOlder: start > 0 }
}

export function searchRecords(
  records: Iterable<SessionRecord>,
  query: string,
  options: SearchOptions,
): SearchHit[] {
  const terms = parseQuery(query)
  const hits: Array<SearchHit & { score: number }> = []
  for (const { session, messages } of records) {
    if (options.includeArchived === false && session.archived) continue
    for (const m of messages) {
      if (m.sensitive) continue
      const match = matchText(m.content, terms)
      if (!match) continue
      hits.push({
        sessionId: session.id,
        sessionTitle: session.title,
        messageId: m.id,
        role: m.role,
        createdAt: m.createdAt,
        snippet: match.snippet,
        score: match.score,
      })
    }
  }
  hits.sort((a, b) => b.score - a.score || (a.createdAt < b.createdAt ? 1 : -1))
  return hits.slice(0, options.limit ?? 20).map(({ score: _score, ...hit }) => hit)
}
