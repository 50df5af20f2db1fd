import { RoleSchema } from '../../../shared/domain'
import { COMMON_TERM_MIN_DOCS, COMMON_TERM_SHARE, selectAnyTerms } from '../anyTerms'
import { bm25, countTerms, RANK_WINDOW } from '../searchRank'
import type { CollectionStats } from '../searchRank'
import type { SearchOptions, StorageSearchHit } from '../storage'
import { parseQuery, snippetOf } from '../textSearch'
import type { QueryTerm } from '../textSearch'
import { first, rows } from './pgPool'
import type { Queryable } from './pgPool'
import { tsQuery } from './searchWords'

interface HitRow {
  seq: string
  message_id: string
  session_id: string
  session_title: string
  session_archived: boolean
  role: string
  created_at: string
  content: string
  on_path: boolean
}

interface WindowRow extends Partial<HitRow> {
  window_size: number
  oldest: string | null
}

/**
 * Full-text search by the rule every backend shares (../searchRank.ts, docs/storage.md
 * "Full-text search"), with PostgreSQL's index: the GIN index over `search_words` finds the
 * newest RANK_WINDOW matches below a `seq` (newest first, stopping at the window), only those
 * are joined with sessions and filtered, further windows follow while fewer than `limit` pass,
 * and the kept rows are scored with bm25 in JavaScript from their text, exactly as on SQLite.
 * Snippets come from textSearch.snippetOf, for the returned rows only.
 */
export async function searchMessages(
  db: Queryable,
  query: string,
  options: SearchOptions,
): Promise<StorageSearchHit[]> {
  const limit = options.limit ?? 20
  let terms = parseQuery(query)
  if (terms.length === 0 || limit < 1) return []
  const anyTerms = options.anyTerms ?? false
  if (anyTerms) terms = await selectTerms(db, terms)
  if (terms.length === 0) return []
  const tsquery = tsQuery(terms, anyTerms)
  // The collection figures need only the terms: fetched on another pooled connection meanwhile.
  // For one term, its newest-window probe is the first ranking window itself: only the totals.
  const oneTerm = terms.length === 1
  const probed = oneTerm ? null : collectionStats(db, terms)
  const totals = oneTerm ? first<Totals>(db, TOTALS) : null
  probed?.catch(() => undefined)
  totals?.catch(() => undefined)
  const kept: HitRow[] = []
  let before: string | null = null
  let firstWindow: Probe = { n: 0, oldest: null }
  for (;;) {
    const found = await windowRows(db, tsquery, before, options)
    const stats = found[0]
    if (!stats) break
    if (before === null) firstWindow = { n: stats.window_size, oldest: stats.oldest }
    for (const row of found)
      if (row.message_id !== undefined && row.message_id !== null) kept.push(row as HitRow)
    if (stats.window_size < RANK_WINDOW || kept.length >= limit || stats.oldest === null) break
    before = stats.oldest
  }
  const stats = probed
    ? await probed
    : statsOf(await totals!.then((t) => (t ? [{ ...t, ...firstWindow }] : [])))
  if (kept.length === 0) return []
  const used = terms.map(() => true)
  return kept
    .map((row) => ({ row, score: bm25(countTerms(row.content, terms), stats, used) }))
    .sort(byRank)
    .slice(0, limit)
    .map(({ row, score }) => ({
      sessionId: row.session_id,
      sessionTitle: row.session_title,
      messageId: row.message_id,
      role: RoleSchema.parse(row.role),
      createdAt: row.created_at,
      snippet: snippetOf(row.content, terms),
      onCurrentPath: row.on_path,
      sessionArchived: row.session_archived,
      score,
    }))
}

function byRank(a: { row: HitRow; score: number }, b: { row: HitRow; score: number }): number {
  if (a.score !== b.score) return b.score - a.score
  if (a.row.created_at !== b.row.created_at) return a.row.created_at < b.row.created_at ? 1 : -1
  return Number(b.row.seq) - Number(a.row.seq)
}

/**
 * One window: its size and oldest seq (always one row, even when nothing in it passes), and
 * the rows that pass the filters. `sensitive = false` is a second lock: sensitive rows have no
 * search words, so the index never lists them. The window takes the columns it returns from
 * the rows it already visits, so each match is read once, not looked up again by `seq`.
 */
function windowRows(
  db: Queryable,
  tsquery: string,
  before: string | null,
  options: SearchOptions,
): Promise<WindowRow[]> {
  return rows<WindowRow>(
    db,
    `WITH w AS (
       SELECT seq, id, session_id, role, created_at, content, on_path, sensitive FROM messages
       WHERE search_words @@ $1::tsquery AND ($2::bigint IS NULL OR seq < $2)
       ORDER BY seq DESC LIMIT $3
     ),
     stats AS (SELECT count(*)::int AS window_size, min(seq) AS oldest FROM w),
     hits AS (
       SELECT w.seq, w.id AS message_id, w.session_id, s.title AS session_title,
         s.archived AS session_archived, w.role, w.created_at, w.content, w.on_path
       FROM w JOIN sessions s ON s.id = w.session_id
       WHERE NOT w.sensitive AND ($4 OR NOT s.archived) AND w.session_id <> ALL($5::text[])
     )
     SELECT stats.*, hits.* FROM stats LEFT JOIN hits ON true`,
    [
      tsquery,
      before,
      RANK_WINDOW,
      options.includeArchived ?? true,
      options.excludeSessionIds ?? [],
    ],
  )
}

/**
 * bm25's collection figures at a cost that does not grow with the number of hits: documents
 * and words are per-session totals (kept by a trigger, migration 0001) summed; a term's message
 * count is exact below RANK_WINDOW matches and otherwise estimated from how densely its newest
 * RANK_WINDOW matches lie among the newest messages (SQLite's rule, sqlite/ftsStats.ts).
 */
async function collectionStats(
  db: Queryable,
  terms: readonly QueryTerm[],
): Promise<CollectionStats> {
  // One round trip: the totals, then each term's newest-window probe. Each term is its own
  // parameter (not an unnest): the planner then sees the word, and walks the newest rows for a
  // common one instead of listing every match from the GIN index.
  const probes = terms.map(
    (_, i) => `SELECT ${i} AS i, count(*)::int AS n, min(seq) AS oldest FROM (
       SELECT seq FROM messages WHERE search_words @@ $${i + 2}::tsquery
       ORDER BY seq DESC LIMIT $1) w`,
  )
  const found = await rows<Totals & Probe>(
    db,
    `WITH totals AS (${TOTALS})
     SELECT totals.*, probe.n, probe.oldest
     FROM totals, (${probes.join(' UNION ALL ')}) probe
     ORDER BY probe.i`,
    [RANK_WINDOW, ...terms.map((term) => tsQuery([term], false))],
  )
  return statsOf(found)
}

/** A term's newest RANK_WINDOW matches: how many, and the oldest `seq` among them. */
interface Probe {
  n: number
  oldest: string | null
}

/** bm25's figures from the totals and each term's probe, in query order. */
function statsOf(found: ReadonlyArray<Totals & Probe>): CollectionStats {
  const { documents, words, low, high } = found[0] ?? {
    documents: 0,
    words: 0,
    low: null,
    high: null,
  }
  const docsWith = found.map(({ n, oldest }) => {
    if (n < RANK_WINDOW || oldest === null || low === null || high === null) return n
    const estimate = (n * (Number(high) - Number(low) + 1)) / (Number(high) - Number(oldest) + 1)
    return Math.min(documents, Math.round(estimate))
  })
  return { documents, averageLength: documents > 0 ? words / documents : 0, docsWith }
}

interface Totals {
  documents: number
  words: number
  low: string | null
  high: string | null
}

/** Searchable messages and their words (summed per session), and the range of `seq`. */
const TOTALS = `SELECT (SELECT coalesce(sum(indexed_messages), 0)::float8 FROM sessions) AS documents,
  (SELECT coalesce(sum(indexed_words), 0)::float8 FROM sessions) AS words,
  (SELECT min(seq) FROM messages) AS low, (SELECT max(seq) FROM messages) AS high`

/**
 * anyTerms: the rule shared by every backend (../anyTerms.ts). Only whether a term is in more
 * than the "common" share matters, so each count stops there: exact, and bounded by the cap.
 */
async function selectTerms(db: Queryable, terms: QueryTerm[]): Promise<QueryTerm[]> {
  const total = await first<Totals>(db, TOTALS)
  const documents = total?.documents ?? 0
  const cap = Math.max(COMMON_TERM_MIN_DOCS, documents * COMMON_TERM_SHARE)
  const counts = terms.map(
    (_, i) => `SELECT ${i} AS i, count(*)::int AS n FROM (
       SELECT 1 FROM messages WHERE search_words @@ $${i + 2}::tsquery LIMIT $1) w`,
  )
  const found = await rows<{ n: number }>(
    db,
    `SELECT n FROM (${counts.join(' UNION ALL ')}) c ORDER BY i`,
    [Math.floor(cap) + 1, ...terms.map((term) => tsQuery([term], false))],
  )
  const docs = found.map((row) => row.n)
  const use = selectAnyTerms(docs, documents)
  return terms.filter((_, i) => use[i])
}
