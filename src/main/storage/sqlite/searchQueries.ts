import type { Database } from '../../sqlite/driver'
import { selectAnyTerms } from '../anyTerms'
import { bm25, countTerms, RANK_WINDOW } from '../searchRank'
import { normalizeToken, snippetOf } from '../textSearch'
import { RoleSchema } from '../../../shared/domain'
import type { SearchOptions, StorageSearchHit } from '../storage'
import { ftsTerms } from './ftsQuery'
import type { FtsTerm } from './ftsQuery'
import { collectionStats } from './ftsStats'
import { prepared } from './statements'

export interface SearchRow {
  message_id: string
  session_id: string
  session_title: string
  role: string
  created_at: string
  /** bm25, higher is better. */
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

const VOCAB = 'temp.messages_fts_vocab'

type JoinedRow = Omit<SearchRow, 'snippet' | 'score'> & { seq: number; content: string }

/**
 * Ranked full-text hits whose cost does not grow with the number of matches (the rule is in
 * ../searchRank.ts): the FTS5 index lists the newest RANK_WINDOW matching rowids (cheap: it reads
 * its doclists newest first and stops), only those are joined with messages and sessions and
 * filtered (excluded sessions, archived, the `sensitive = 0` second lock — sensitive rows are
 * never indexed), further windows follow while fewer than `limit` pass, and the kept rows are
 * scored with bm25 in JavaScript from their text (FTS5's bm25() would first count every message
 * holding each term). Ties: newest message first. Snippets: textSearch.snippetOf, for the
 * returned rows only.
 */
export function searchRows(db: Database, params: SearchParams): SearchRow[] {
  const terms = params.anyTerms ? selectTerms(db, params.terms) : params.terms
  if (terms.length === 0 || params.limit < 1) return []
  const query = terms.map((t) => t.fts).join(params.anyTerms ? ' OR ' : ' AND ')
  const excluded = JSON.stringify(params.excludeSessionIds)
  const kept: JoinedRow[] = []
  let before = Number.MAX_SAFE_INTEGER
  for (;;) {
    const seqs = newestMatches(db, query, before)
    kept.push(...joinRows(db, seqs, excluded, params.includeArchived))
    if (seqs.length < RANK_WINDOW || kept.length >= params.limit) break
    before = seqs[seqs.length - 1]!
  }
  if (kept.length === 0) return []
  const marked = terms.map((t) => ({ text: normalizeToken(t.word), prefix: t.prefix }))
  const stats = collectionStats(db, terms)
  const used = terms.map(() => true)
  return kept
    .map((row) => ({ row, score: bm25(countTerms(row.content, marked), stats, used) }))
    .sort(byRank)
    .slice(0, params.limit)
    .map(({ row, score }) => {
      const { seq: _seq, content, ...rest } = row
      return { ...rest, score, snippet: snippetOf(content, marked) }
    })
}

/** bm25 (higher is better), then the newest message. */
function byRank(
  a: { row: JoinedRow; score: number },
  b: { row: JoinedRow; score: number },
): number {
  if (a.score !== b.score) return b.score - a.score
  if (a.row.created_at !== b.row.created_at) return a.row.created_at < b.row.created_at ? 1 : -1
  return b.row.seq - a.row.seq
}

/** The newest RANK_WINDOW matching rowids below `before`, newest first. */
function newestMatches(db: Database, query: string, before: number): number[] {
  return prepared<number>(
    db,
    `SELECT rowid FROM messages_fts
     WHERE messages_fts MATCH @query AND rowid < @before
     ORDER BY rowid DESC
     LIMIT @window`,
  )
    .pluck()
    .all({ query, before, window: RANK_WINDOW })
}

function joinRows(
  db: Database,
  seqs: number[],
  excluded: string,
  includeArchived: boolean,
): JoinedRow[] {
  if (seqs.length === 0) return []
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
    seqs: JSON.stringify(seqs),
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

/** Storage.search on SQLite: the options' defaults, then the rows as search hits. */
export function searchHits(
  db: Database,
  query: string,
  options: SearchOptions = {},
): StorageSearchHit[] {
  return searchRows(db, {
    terms: ftsTerms(query),
    anyTerms: options.anyTerms ?? false,
    includeArchived: options.includeArchived ?? true,
    limit: options.limit ?? 20,
    excludeSessionIds: options.excludeSessionIds ?? [],
  }).map((row) => ({
    sessionId: row.session_id,
    sessionTitle: row.session_title,
    messageId: row.message_id,
    role: RoleSchema.parse(row.role),
    createdAt: row.created_at,
    snippet: row.snippet,
    onCurrentPath: row.on_path === 1,
    sessionArchived: row.session_archived === 1,
    score: row.score,
  }))
}
