import type { Database } from 'better-sqlite3'
import { selectAnyTerms } from '../anyTerms'
import { normalizeToken, snippetOf } from '../textSearch'
import type { FtsTerm } from './ftsQuery'
import { prepared } from './statements'

export interface SearchRow {
  message_id: string
  session_id: string
  session_title: string
  role: string
  created_at: string
  /** bm25 (lower is better). */
  score: number
  snippet: string
  on_path: number
  session_archived: number
}

export interface SearchParams {
  terms: FtsTerm[]
  anyTerms: boolean
  includeArchived: boolean
  limit: number
  excludeSessionIds: readonly string[]
}

/** First fetch: a little more than asked, for archived/sensitive rows dropped after the join. */
const OVERFETCH = 2
const MIN_FETCH = 20
const VOCAB = 'temp.messages_fts_vocab'

interface TopRow {
  seq: number
  score: number
}

type JoinedRow = Omit<SearchRow, 'snippet' | 'score'> & { seq: number; content: string }

/**
 * Ranked full-text hits, fast on big stores: the FTS5 query ranks by bm25 and takes the top N
 * rowids on its own, and only those N rows are joined with messages and sessions, filtered
 * (excluded sessions, archived, the `sensitive = 0` second lock — sensitive rows are never
 * indexed) and given a snippet (textSearch.snippetOf: FTS5's snippet() would cost one MATCH
 * query per row, about 0.3–0.5 ms each on a million messages). If the filters leave fewer than `limit` while more matches
 * exist, the top N is fetched again, four times larger. Ties: newest message first.
 *
 * Filtering excluded sessions after the ranking rather than inside the FTS query (`rowid NOT
 * IN …`) is faster: the check then runs on N rows instead of on every match.
 */
export function searchRows(db: Database, params: SearchParams): SearchRow[] {
  const terms = params.anyTerms ? selectTerms(db, params.terms) : params.terms
  if (terms.length === 0 || params.limit < 1) return []
  const query = terms.map((t) => t.fts).join(params.anyTerms ? ' OR ' : ' AND ')
  const marked = terms.map((t) => ({ text: normalizeToken(t.word), prefix: t.prefix }))
  const excluded = JSON.stringify(params.excludeSessionIds)
  let fetch = Math.max(MIN_FETCH, params.limit * OVERFETCH)
  for (;;) {
    const top = topRows(db, query, fetch)
    const joined = joinRows(db, top, excluded, params.includeArchived)
    if (joined.length >= params.limit || top.length < fetch) {
      const scores = new Map(top.map((row) => [row.seq, row.score]))
      return joined
        .map((row) => ({ row, score: scores.get(row.seq) ?? 0 }))
        .sort(byRank)
        .slice(0, params.limit)
        .map(({ row, score }) => {
          const { seq: _seq, content, ...rest } = row
          return { ...rest, score, snippet: snippetOf(content, marked) }
        })
    }
    fetch *= 4
  }
}

/** bm25 (lower is better), then the newest message. */
function byRank(
  a: { row: JoinedRow; score: number },
  b: { row: JoinedRow; score: number },
): number {
  if (a.score !== b.score) return a.score - b.score
  if (a.row.created_at !== b.row.created_at) return a.row.created_at < b.row.created_at ? 1 : -1
  return b.row.seq - a.row.seq
}

function topRows(db: Database, query: string, fetch: number): TopRow[] {
  return prepared<TopRow>(
    db,
    `SELECT rowid AS seq, bm25(messages_fts) AS score FROM messages_fts
     WHERE messages_fts MATCH @query
     ORDER BY score, rowid DESC
     LIMIT @fetch`,
  ).all({ query, fetch })
}

function joinRows(
  db: Database,
  top: TopRow[],
  excluded: string,
  includeArchived: boolean,
): JoinedRow[] {
  if (top.length === 0) return []
  return prepared<JoinedRow>(
    db,
    `SELECT m.seq AS seq, m.id AS message_id, m.session_id AS session_id,
       s.title AS session_title, s.archived AS session_archived, m.role AS role,
       m.created_at AS created_at,
       m.content AS content, m.on_path AS on_path
     FROM json_each(@seqs) j
     JOIN messages m ON m.seq = j.value
     JOIN sessions s ON s.id = m.session_id
     WHERE m.sensitive = 0 AND (@includeArchived = 1 OR s.archived = 0)
       AND m.session_id NOT IN (SELECT value FROM json_each(@excluded))`,
  ).all({
    seqs: JSON.stringify(top.map((row) => row.seq)),
    excluded,
    includeArchived: includeArchived ? 1 : 0,
  })
}

/**
 * anyTerms: how many messages hold each term, from the index's vocabulary (fts5vocab, a cheap
 * lookup per term), then the rule shared by every backend (../anyTerms.ts). The message total is
 * approximated by the largest seq (O(1); count(*) would scan).
 */
function selectTerms(db: Database, terms: FtsTerm[]): FtsTerm[] {
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCAB} USING fts5vocab(main, 'messages_fts', 'row')`,
  )
  const exact = prepared<number>(db, `SELECT doc FROM ${VOCAB} WHERE term = ?`).pluck()
  const prefix = prepared<number>(
    db,
    `SELECT coalesce(sum(doc), 0) FROM ${VOCAB} WHERE term >= ? AND term < ?`,
  ).pluck()
  const docs = terms.map((t) => {
    const word = normalizeToken(t.word)
    return (t.prefix ? prefix.get(word, `${word}\u{10FFFF}`) : exact.get(word)) ?? 0
  })
  const total =
    prepared<number>(db, 'SELECT coalesce(max(seq), 0) FROM messages').pluck().get() ?? 0
  const use = selectAnyTerms(docs, total)
  return terms.filter((_, i) => use[i])
}
