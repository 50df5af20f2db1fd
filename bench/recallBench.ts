import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { recall } from '../src/main/continuity/recall'
import { extractKeywords } from '../src/main/continuity/recallQuery'
import { SQLITE_FILE_NAME } from '../src/main/paths'
import { selectAnyTerms } from '../src/main/storage/anyTerms'
import { RANK_WINDOW } from '../src/main/storage/searchRank'
import { ftsTerms } from '../src/main/storage/sqlite/ftsQuery'
import { normalizeToken } from '../src/main/storage/textSearch'
import { openSqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import { benchSessionId, ensureCorpus, prng, textMaker } from './recallCorpus'
import { percentile } from './stats'
import { report } from './summary'

/**
 * Recall over 1 000 000 messages: time of one whole recall() — keyword extraction, candidate
 * search, ranking, session/message reads through the real SQLite storage — p50 / p95 over varied
 * queries, beside a fair raw query on the same file in the same run: the same keywords, with the
 * same rule for leaving out common ones (fts5vocab counts, ../src/main/storage/anyTerms.ts), as
 * one FTS5 OR query over the same bounded window (the newest RANK_WINDOW matches) ranked by
 * FTS5's own bm25, top 50 — what the app's SQL does, without anything around it.
 *
 * The corpus is the search bench's (bench/recallCorpus.ts, 50 messages a session), cached under
 * os.tmpdir()/amos-search-bench and reused between runs (AMOS_RECALL_BENCH_MESSAGES changes its
 * size; delete the folder to rebuild).
 */

const MESSAGES = Number(process.env.AMOS_RECALL_BENCH_MESSAGES ?? 1_000_000)
const PER_SESSION = 50
const QUERIES = 200
const WARMUP = 10
const TARGET_P95_MS = 50

const ms = (value: number): string => `${value.toFixed(2)} ms`

export async function run(): Promise<void> {
  const dir = path.join(os.tmpdir(), 'amos-search-bench', `messages-${MESSAGES}`)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, SQLITE_FILE_NAME)
  const built = ensureCorpus(file, { messages: MESSAGES, perSession: PER_SESSION }, console.log)
  console.log(
    built > 0
      ? `built ${MESSAGES.toLocaleString('en')} messages in ${(built / 1000).toFixed(1)} s (${file})`
      : `reusing ${MESSAGES.toLocaleString('en')} messages from ${file}`,
  )

  const sessions = Math.ceil(MESSAGES / PER_SESSION)
  const text = textMaker(99)
  const random = prng(5)
  const queries = Array.from({ length: QUERIES + WARMUP }, () => ({
    query: text.sentence(6, 30),
    current: benchSessionId(Math.floor(random() * sessions)),
  }))

  const storage = await openSqliteStorage(file)
  const raw = new Database(file, { readonly: true })
  raw.exec(`CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'messages_fts', 'row')`)
  const exactDocs = raw.prepare('SELECT doc FROM temp.vocab WHERE term = ?').pluck()
  const prefixDocs = raw
    .prepare('SELECT coalesce(sum(doc), 0) FROM temp.vocab WHERE term >= ? AND term < ?')
    .pluck()
  const total = raw.prepare('SELECT max(rowid) FROM messages_fts').pluck()
  const rawTopHits = raw.prepare(
    `SELECT rowid FROM (
       SELECT rowid, bm25(messages_fts) AS score FROM messages_fts WHERE messages_fts MATCH ?
       ORDER BY rowid DESC LIMIT ${RANK_WINDOW})
     ORDER BY score LIMIT 50`,
  )
  const rawRecall = (query: string): void => {
    const terms = ftsTerms(
      extractKeywords(query)
        .map((k) => k.term)
        .join(' '),
    )
    if (terms.length === 0) return
    const docs = terms.map((t) => {
      const word = normalizeToken(t.word)
      const count = t.prefix ? prefixDocs.get(word, `${word}\u{10FFFF}`) : exactDocs.get(word)
      return (count as number | undefined) ?? 0
    })
    const use = selectAnyTerms(docs, total.get() as number)
    const match = terms
      .filter((_, i) => use[i])
      .map((t) => t.fts)
      .join(' OR ')
    rawTopHits.all(match)
  }
  const now = new Date('2025-01-01T00:00:00.000Z')
  const times: number[] = []
  const rawTimes: number[] = []
  let snippets = 0
  let keywords = 0
  try {
    for (const [i, { query, current }] of queries.entries()) {
      let started = performance.now()
      const result = await recall({ storage, query, excludeSessionId: current, now })
      const elapsed = performance.now() - started

      started = performance.now()
      rawRecall(query)
      const rawElapsed = performance.now() - started

      if (i < WARMUP) continue
      times.push(elapsed)
      rawTimes.push(rawElapsed)
      snippets += result.snippets.length
      keywords += result.keywords.length
    }
  } finally {
    raw.close()
    await storage.close()
  }

  const p95 = percentile(times, 95)
  const rows = [
    ['measure', 'p50', 'p95', 'max'],
    [
      `recall() over Storage.search, ${MESSAGES.toLocaleString('en')} messages (${QUERIES} queries)`,
      ms(percentile(times, 50)),
      ms(p95),
      ms(Math.max(...times)),
    ],
    [
      'raw SQLite: the same keywords and window, FTS5 bm25, top 50',
      ms(percentile(rawTimes, 50)),
      ms(percentile(rawTimes, 95)),
      ms(Math.max(...rawTimes)),
    ],
  ]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '))
  console.log(
    `per query on average: ${(keywords / QUERIES).toFixed(1)} keywords extracted, ${(snippets / QUERIES).toFixed(1)} snippets returned`,
  )
  const rawP95 = percentile(rawTimes, 95)
  report({
    figure: `recall over ${MESSAGES.toLocaleString('en')} messages, p95`,
    app: ms(p95),
    raw: ms(rawP95),
    ratio: p95 / rawP95,
    target: `p95 < ${TARGET_P95_MS} ms`,
    met: p95 < TARGET_P95_MS,
  })
}
