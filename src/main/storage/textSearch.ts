import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../shared/domain'
import type { Message, Session } from '../../shared/domain'
import { selectAnyTerms } from './anyTerms'
import type { SearchOptions, StorageSearchHit } from './storage'

/**
 * Plain-JavaScript full-text search for the backends without FTS5 (memory, JSON folder).
 * It mirrors FTS5's `unicode61 remove_diacritics 2` tokenizer and bm25 ranking closely enough
 * that the same conformance tests hold: case- and accent-insensitive whole-word terms, all terms
 * required (or any, with `anyTerms`), a trailing `*` on a term makes it a prefix.
 */

const WORD = /[\p{L}\p{N}_]+/gu
/** bm25 parameters, FTS5's defaults. */
const K1 = 1.2
const B = 0.75
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
  tokens: Token[]
  counts: number[]
}

/**
 * Ranked hits over in-memory records: bm25 (k1 1.2, b 0.75, FTS5's idf) over every
 * non-sensitive message as the document collection, then the newest first.
 */
export function searchRecords(
  records: Iterable<SearchableRecord>,
  query: string,
  options: SearchOptions = {},
): StorageSearchHit[] {
  const terms = parseQuery(query)
  if (terms.length === 0) return []
  const excluded = new Set(options.excludeSessionIds ?? [])
  const docsWith = terms.map(() => 0)
  let documents = 0
  let totalLength = 0
  const candidates: Candidate[] = []
  for (const { session, messages, onPath } of records) {
    const eligible =
      !excluded.has(session.id) && !(options.includeArchived === false && session.archived)
    for (const message of messages) {
      if (message.sensitive) continue
      const tokens = tokenize(message.content)
      documents++
      totalLength += tokens.length
      const counts = terms.map((term) => tokens.filter((t) => termMatches(term, t.norm)).length)
      counts.forEach((n, i) => {
        if (n > 0) docsWith[i]!++
      })
      const matched = options.anyTerms ? counts.some((n) => n > 0) : counts.every((n) => n > 0)
      if (eligible && matched) candidates.push({ session, onPath, message, tokens, counts })
    }
  }
  // anyTerms: common terms are left out while a rarer one is present (see anyTerms.ts).
  const used = options.anyTerms ? selectAnyTerms(docsWith, documents) : terms.map(() => true)
  const usedTerms = terms.filter((_, i) => used[i])
  const averageLength = documents > 0 ? totalLength / documents : 0
  const idf = docsWith.map((n) => Math.max(1e-6, Math.log((documents - n + 0.5) / (n + 0.5))))
  const scored = candidates
    .filter((c) => c.counts.some((n, i) => n > 0 && used[i]))
    .map((c) => {
      const norm = K1 * (1 - B + (B * c.tokens.length) / (averageLength || 1))
      const score = c.counts.reduce(
        (sum, tf, i) => (used[i] ? sum + (idf[i]! * tf * (K1 + 1)) / (tf + norm) : sum),
        0,
      )
      return { candidate: c, score }
    })
  scored.sort(
    (a, b) =>
      b.score - a.score || (a.candidate.message.createdAt < b.candidate.message.createdAt ? 1 : -1),
  )
  return scored.slice(0, options.limit ?? 20).map(({ candidate: c, score }) => ({
    sessionId: c.session.id,
    sessionTitle: c.session.title,
    messageId: c.message.id,
    role: c.message.role,
    createdAt: c.message.createdAt,
    snippet: snippetOf(c.message.content, usedTerms, c.tokens),
    onCurrentPath: c.onPath.has(c.message.id),
    sessionArchived: c.session.archived,
    score,
  }))
}
