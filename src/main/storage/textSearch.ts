import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../shared/domain'

/**
 * Plain-JavaScript full-text matching for the backends without FTS5 (memory, JSON folder).
 * It mirrors FTS5's `unicode61 remove_diacritics 2` tokenizer closely enough that the same
 * conformance tests hold: case- and accent-insensitive whole-word terms, all terms required,
 * a trailing `*` on a term makes it a prefix.
 */

const WORD = /[\p{L}\p{N}_]+/gu

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

export interface TextMatch {
  /** Number of matching tokens, a crude relevance score. */
  score: number
  snippet: string
}

/** Returns null unless every term occurs in `text`. */
export function matchText(text: string, terms: QueryTerm[], snippetTokens = 12): TextMatch | null {
  if (terms.length === 0) return null
  const tokens = tokenize(text)
  const hits = new Set<number>()
  for (const term of terms) {
    let found = false
    tokens.forEach((t, i) => {
      if (termMatches(term, t.norm)) {
        hits.add(i)
        found = true
      }
    })
    if (!found) return null
  }
  const first = Math.min(...hits)
  const from = Math.max(0, first - Math.floor(snippetTokens / 3))
  const to = Math.min(tokens.length, from + snippetTokens)
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
  return { score: hits.size, snippet: snippet.replace(/\s+/g, ' ').trim() }
}
