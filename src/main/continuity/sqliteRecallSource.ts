import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { quoteFtsString } from '../storage/sqlite/ftsQuery'
import { toMirrorError } from '../storage/sqlite/sqliteErrors'
import type { Keyword } from './recallQuery'
import type { RecallHit, RecallSource } from './recallSource'

/**
 * Recall candidates straight from the SQLite store's FTS5 index, in ONE query: what a Storage
 * `searchAny` option would do (docs/continuity.md proposes it; until then this reads the
 * store's schema — messages, sessions, messages_fts — through its own query-only connection).
 *
 * 1. Document frequency of each keyword from fts5vocab (cheap index lookups). Keywords in more
 *    than MAX_DF_SHARE of messages (and more than MIN_DF_CAP) say little and cost most; the
 *    rarest MAX_TERMS are kept (at least the rarest one, so common words still find something).
 * 2. `k1 OR k2 OR …` ranked by bm25 (which already weighs rare terms and multiple matches),
 *    top N taken inside the FTS query before any join, excluded sessions left out by rowid.
 * relevance = bm25 / best bm25 of the query (bm25 is negative, better is lower) in (0, 1].
 */

const MAX_TERMS = 5
const MAX_DF_SHARE = 0.02
/** Below this many matches a term is cheap enough to keep even in a small store. */
const MIN_DF_CAP = 2_000
/** Extra rows fetched so archived sessions dropped after the join rarely leave us short. */
const OVERFETCH = 2

interface TermFrequency {
  keyword: Keyword
  docs: number
}

interface CandidateRow {
  message_id: string
  session_id: string
  created_at: string
  score: number
}

const ftsTerm = (k: Keyword): string =>
  k.term.endsWith('*') ? `${quoteFtsString(k.term.slice(0, -1))}*` : quoteFtsString(k.term)

export class SqliteRecallSource implements RecallSource {
  private readonly exactDocs
  private readonly prefixDocs
  private readonly totalDocs
  private readonly topRows

  constructor(
    private readonly db: Db,
    private readonly file: string,
  ) {
    db.exec(
      "CREATE VIRTUAL TABLE IF NOT EXISTS temp.recall_vocab USING fts5vocab(main, 'messages_fts', 'row')",
    )
    this.exactDocs = db
      .prepare<[string], number>('SELECT doc FROM temp.recall_vocab WHERE term = ?')
      .pluck()
    this.prefixDocs = db
      .prepare<[string, string], number>(
        'SELECT coalesce(sum(doc), 0) FROM temp.recall_vocab WHERE term >= ? AND term < ?',
      )
      .pluck()
    // Approximate and O(1): the largest rowid of the index, not count(*), which scans.
    this.totalDocs = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM messages').pluck()
    this.topRows = db.prepare<Record<string, unknown>, CandidateRow>(
      `WITH top AS (
         SELECT rowid AS seq, bm25(messages_fts) AS score FROM messages_fts
         WHERE messages_fts MATCH @query
           AND rowid NOT IN (
             SELECT seq FROM messages WHERE session_id IN (SELECT value FROM json_each(@excluded)))
         ORDER BY score LIMIT @fetch
       )
       SELECT m.id AS message_id, m.session_id AS session_id, m.created_at AS created_at,
         top.score AS score
       FROM top
       JOIN messages m ON m.seq = top.seq
       JOIN sessions s ON s.id = m.session_id
       WHERE m.sensitive = 0 AND (@includeArchived = 1 OR s.archived = 0)
         AND coalesce(json_extract(s.metadata, '$.memory.excludeFromRecall'), 0) != 1
       ORDER BY top.score`,
    )
  }

  private documentFrequency(keyword: Keyword): number {
    if (!keyword.term.endsWith('*')) return this.exactDocs.get(keyword.term) ?? 0
    const stem = keyword.term.slice(0, -1)
    return this.prefixDocs.get(stem, `${stem}\u{10FFFF}`) ?? 0
  }

  /** The keywords worth searching, rarest first. */
  selectTerms(keywords: readonly Keyword[]): TermFrequency[] {
    const maxDocs = Math.max(MIN_DF_CAP, (this.totalDocs.get() ?? 0) * MAX_DF_SHARE)
    const present = keywords
      .map((keyword) => ({ keyword, docs: this.documentFrequency(keyword) }))
      .filter((t) => t.docs > 0)
      .sort((a, b) => a.docs - b.docs)
    const selective = present.filter((t) => t.docs <= maxDocs).slice(0, MAX_TERMS)
    return selective.length > 0 ? selective : present.slice(0, 1)
  }

  async candidates(
    keywords: readonly Keyword[],
    options: { limit: number; includeArchived: boolean; excluded: ReadonlySet<string> },
  ): Promise<RecallHit[]> {
    try {
      const terms = this.selectTerms(keywords)
      if (terms.length === 0) return []
      const rows = this.topRows.all({
        query: terms.map((t) => ftsTerm(t.keyword)).join(' OR '),
        excluded: JSON.stringify([...options.excluded]),
        fetch: options.limit * OVERFETCH,
        includeArchived: options.includeArchived ? 1 : 0,
      })
      const best = rows[0]?.score ?? 0
      return rows.slice(0, options.limit).map((row) => ({
        sessionId: row.session_id,
        messageId: row.message_id,
        createdAt: row.created_at,
        relevance: best < 0 ? row.score / best : 1,
      }))
    } catch (error) {
      throw toMirrorError(error, this.file)
    }
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}

/**
 * Opens a query-only connection to the SQLite store at `file` (activemirror.db) for recall.
 * The host opens it next to the storage and closes it with the storage.
 */
export function openSqliteRecallSource(
  file: string,
  options: { nativeBinding?: string; busyTimeoutMs?: number } = {},
): SqliteRecallSource {
  let db: Db
  try {
    db = new Database(file, {
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? 5000,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    })
  } catch (error) {
    throw toMirrorError(error, file)
  }
  try {
    const source = new SqliteRecallSource(db, file)
    db.pragma('query_only = 1')
    return source
  } catch (error) {
    db.close()
    throw toMirrorError(error, file)
  }
}
