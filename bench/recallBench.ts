import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { recall } from '../src/main/continuity/recall'
import { extractKeywords } from '../src/main/continuity/recallQuery'
import { quoteFtsString } from '../src/main/storage/sqlite/ftsQuery'
import { openSqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import { benchSessionId, ensureCorpus, prng, textMaker } from './recallCorpus'
import { percentile } from './stats'

/**
 * Recall over 1 000 000 messages (issue 7): time of one whole recall() — keyword extraction,
 * candidate search, ranking, session/message reads through the real SQLite storage — p50 / p95
 * over varied queries, with
 * the production path: one Storage.search (anyTerms, excluded sessions) on the SQLite backend,
 * which ranks inside the FTS5 query and drops keywords common to many messages; and
 * - raw SQLite: the same keywords as one plain FTS5 OR query, top 50, as the floor.
 *
 * The corpus is cached under os.tmpdir()/amos-recall-bench and reused between runs
 * (AMOS_RECALL_BENCH_MESSAGES changes its size; delete the folder to rebuild).
 */

const MESSAGES = Number(process.env.AMOS_RECALL_BENCH_MESSAGES ?? 1_000_000)
const PER_SESSION = 50
const QUERIES = 200
const WARMUP = 10
const TARGET_P95_MS = 50

const ms = (value: number): string => `${value.toFixed(2)} ms`

export async function run(): Promise<void> {
  const dir = path.join(os.tmpdir(), 'amos-recall-bench')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `corpus-v1-${MESSAGES}.db`)
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
  const rawTopHits = raw.prepare(
    `SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY bm25(messages_fts) LIMIT 50`,
  )
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

      const terms = extractKeywords(query).map((k) =>
        k.term.endsWith('*') ? `${quoteFtsString(k.term.slice(0, -1))}*` : quoteFtsString(k.term),
      )
      started = performance.now()
      if (terms.length > 0) rawTopHits.all(terms.join(' OR '))
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
      'raw SQLite: one FTS5 OR query of all keywords, top 50',
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
  const met = p95 < TARGET_P95_MS
  console.log(`target: recall p95 < ${TARGET_P95_MS} ms — ${met ? 'MET' : 'NOT MET'} (${ms(p95)})`)
  if (!met) process.exitCode = 1
}
