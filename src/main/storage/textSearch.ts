import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../shared/domain'
import type { Message, Session } from '../../shared/domain'
import { selectAnyTerms } from './anyTerms'
import { bm25, countTerms, windowed } from './searchRank'
import type { TermCounts } from './searchRank'
import type { SearchOptions, StorageSearchHit } from './storage'

/**
 * Plain-JavaScript full-text search for the backends without FTS5 (memory, JSON folder).
 * It mirrors FTS5's `unicode61 remove_diacritics 2` tokenizer and bm25 ranking closely enough
 * that the same conformance tests hold: case- and accent-insensitive whole-word terms, all terms
 * required (or any, with `anyTerms`), a trailing `*` on a term makes it a prefix.
 */

const WORD = /[\p{L}\p{N}_]+/gu
const SNIPPET_TOKENS = 12

export function normalizeToken(token: string): string {
  return token.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

export interface QueryTerm {
  text: string
  prefix: boolean
}

export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = []
  for (const raw of query.split(/\s+/)) {
    const prefix = raw.endsWith('*')
    for (const m of raw.matchAll(WORD)) terms.push({ text: normalizeToken(m[0]), prefix })
  }
  return terms
}

interface Token {
  norm: string
  start: number
  end: number
}

function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    out.push({ norm: normalizeToken(m[0]), start: m.index, end: m.index + m[0].length })
  }
  return out
}

function termMatches(term: QueryTerm, token: string): boolean {
  return term.prefix ? token.startsWith(term.text) : token === term.text
}

/**
 * FTS5-style snippet: about SNIPPET_TOKENS tokens around the first match, matches marked. Every
 * backend uses it (SQLite too: FTS5's snippet() costs one MATCH query per row).
 */
export function snippetOf(text: string, terms: QueryTerm[], tokens = tokenize(text)): string {
  const hits = new Set<number>()
  tokens.forEach((t, i) => {
    if (terms.some((term) => termMatches(term, t.norm))) hits.add(i)
  })
  const first = hits.size > 0 ? Math.min(...hits) : 0
  const from = Math.max(0, first - Math.floor(SNIPPET_TOKENS / 3))
  const to = Math.min(tokens.length, from + SNIPPET_TOKENS)
  let snippet = from > 0 ? '…' : ''
  let cursor = tokens[from]?.start ?? 0
  for (let i = from; i < to; i++) {
    const t = tokens[i]!
    snippet += text.slice(cursor, t.start)
    const word = text.slice(t.start, t.end)
    snippet += hits.has(i) ? `${SNIPPET_OPEN}${word}${SNIPPET_CLOSE}` : word
    cursor = t.end
  }
  if (to < tokens.length) snippet += '…'
  else snippet += text.slice(cursor)
  return snippet.replace(/\s+/g, ' ').trim()
}

export interface SearchableRecord {
  session: Session
  /** Every version of every message. */
  messages: readonly Message[]
  /** Ids of the messages on the session's current path. */
  onPath: ReadonlySet<string>
}

interface Candidate {
  session: Session
  onPath: ReadonlySet<string>
  message: Message
  terms: TermCounts
  eligible: boolean
  /** Position in the store, for "newest" among equal creation times. */
  order: number
}

/**
 * Ranked hits over in-memory records, by the rule every backend shares (searchRank.ts): bm25
 * with every non-sensitive message as the document collection, over the newest matches only.
 */
export function searchRecords(
  records: Iterable<SearchableRecord>,
  query: string,
  options: SearchOptions = {},
): StorageSearchHit[] {
  const terms = parseQuery(query)
  const limit = options.limit ?? 20
  if (terms.length === 0 || limit < 1) return []
  const excluded = new Set(options.excludeSessionIds ?? [])
  const docsWith = terms.map(() => 0)
  let documents = 0
  let totalLength = 0
  const all: Candidate[] = []
  for (const { session, messages, onPath } of records) {
    const eligible =
      !excluded.has(session.id) && !(options.includeArchived === false && session.archived)
    for (const message of messages) {
      if (message.sensitive) continue
      const counted = countTerms(message.content, terms)
      documents++
      totalLength += counted.length
      counted.counts.forEach((n, i) => {
        if (n > 0) docsWith[i]!++
      })
      if (counted.counts.some((n) => n > 0)) {
        all.push({ session, onPath, message, terms: counted, eligible, order: all.length })
      }
    }
  }
  // anyTerms: common terms are left out while a rarer one is present (see anyTerms.ts).
  const used = options.anyTerms ? selectAnyTerms(docsWith, documents) : terms.map(() => true)
  const usedTerms = terms.filter((_, i) => used[i])
  const matches = all
    .filter((c) =>
      options.anyTerms
        ? c.terms.counts.some((n, i) => n > 0 && used[i])
        : c.terms.counts.every((n) => n > 0),
    )
    .sort(newestFirst)
  const stats = { documents, averageLength: documents > 0 ? totalLength / documents : 0, docsWith }
  const scored = windowed(matches, (c) => c.eligible, limit).map((candidate) => ({
    candidate,
    score: bm25(candidate.terms, stats, used),
  }))
  scored.sort((a, b) => b.score - a.score || newestFirst(a.candidate, b.candidate))
  return scored.slice(0, limit).map(({ candidate: c, score }) => ({
    sessionId: c.session.id,
    sessionTitle: c.session.title,
    messageId: c.message.id,
    role: c.message.role,
    createdAt: c.message.createdAt,
    snippet: snippetOf(c.message.content, usedTerms),
    onCurrentPath: c.onPath.has(c.message.id),
    sessionArchived: c.session.archived,
    score,
  }))
}

function newestFirst(a: Candidate, b: Candidate): number {
  if (a.message.createdAt !== b.message.createdAt) {
    return a.message.createdAt < b.message.createdAt ? 1 : -1
  }
  return b.order - a.order
}
