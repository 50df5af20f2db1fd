import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openPostgresStorage } from '../src/main/storage/postgres/postgresStorage'
import { insertValues, INSERT_MESSAGE } from '../src/main/storage/postgres/pgMessages'
import { tsQuery } from '../src/main/storage/postgres/searchWords'
import { openSqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../src/main/storage/storage'
import { parseQuery } from '../src/main/storage/textSearch'
import type { Message } from '../src/shared/domain'
import { postgresBinDir, startPostgresCluster } from '../test/helpers/postgresCluster'
import type { PostgresCluster } from '../test/helpers/postgresCluster'
import { loadPostgres, loadSqlite, sessionId } from './postgresCorpus'
import type { CorpusShape } from './postgresCorpus'
import { percentile } from './stats'
import { makeMessages } from './storageCorpus'

/**
 * Issue 17: the PostgreSQL backend (PostgresStorage, the Storage the app's services call) at
 * AMOS_BENCH_PG_MESSAGES messages (default 100 000; 1 000 000 is the size), 1 000 per
 * session, against
 *  - raw SQL on the same tables in the same run: append = BEGIN, INSERT, UPDATE parent, UPDATE
 *    session, COMMIT; open = the newest 50 rows of the session by seq; search = `@@` ranked by
 *    ts_rank over every match, LIMIT 20 (PostgreSQL's plain ranked full-text query);
 *  - the SQLite backend (SqliteStorage) holding the same rows.
 * The server is AMOS_BENCH_DATABASE_URL (an empty database) or a throwaway cluster of the
 * installed PostgreSQL on 127.0.0.1 (fsync off; commits still wait for the WAL write).
 * Each line: figure | app | baseline | ratio | target | MET/MISSED (p50 of each; search p95).
 */

const MESSAGES = Number(process.env.AMOS_BENCH_PG_MESSAGES ?? 100_000)
const PER_SESSION = 1_000
const APPENDS = 300
const OPENS = 200
const SEARCH_RUNS = 5
const QUERIES = ['garden', 'the', 'quiet morning', 'remember*', 'cafe', 'project plan budget', 't*']

interface Figure {
  name: string
  app: number
  base: number
  /** The app may take this many times the baseline. */
  target: number
  unit: 'µs' | 'ms'
}

function line(f: Figure): string {
  const show = (ms: number): string =>
    f.unit === 'µs' ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`
  const ratio = f.app / f.base
  const verdict = ratio <= f.target ? 'MET' : 'MISSED'
  return `${f.name} | ${show(f.app)} | ${show(f.base)} | ${ratio.toFixed(2)}x | ≤ ${f.target}x | ${verdict}`
}

async function timed(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn(i)
    times.push(performance.now() - started)
  }
  return times
}

const p50 = (times: number[]): number => percentile(times, 50)
const p95 = (times: number[]): number => percentile(times, 95)

/** New messages for the last session, continuing its chain. */
function newMessages(target: string, from: number, seed: number): Message[] {
  return makeMessages(target, APPENDS, from, seed).map((m) => ({ ...m, sensitive: false }))
}

async function rawAppend(client: pg.Client, m: Message, parent: string): Promise<void> {
  await client.query('BEGIN')
  await client.query(INSERT_MESSAGE, insertValues(m, parent, true, null))
  await client.query('UPDATE messages SET active_child_id = $1 WHERE id = $2', [m.id, parent])
  await client.query(
    `UPDATE sessions SET message_count = message_count + 1, updated_at = $2, current_leaf_id = $1
     WHERE id = $3`,
    [m.id, m.createdAt, m.sessionId],
  )
  await client.query('COMMIT')
}

async function measureStorage(
  storage: Storage,
  target: string,
  from: number,
): Promise<{ append: number[]; open: number[]; search: Map<string, number[]> }> {
  const added = newMessages(target, from, 23)
  const append = await timed(added.length, (i) => storage.appendMessage(added[i]!))
  const open = await timed(OPENS, () => storage.listMessages(target, { limit: 50 }))
  const search = new Map<string, number[]>()
  for (const q of QUERIES) {
    await storage.search(q, { limit: 20 })
    search.set(q, await timed(SEARCH_RUNS, () => storage.search(q, { limit: 20 })))
  }
  return { append, open, search }
}

async function server(): Promise<{ url: string; cluster: PostgresCluster | null }> {
  const given = process.env.AMOS_BENCH_DATABASE_URL
  if (given) return { url: given, cluster: null }
  const binDir = postgresBinDir()
  if (!binDir) throw new Error('PostgreSQL is not installed: set AMOS_BENCH_DATABASE_URL.')
  const cluster = await startPostgresCluster(binDir)
  return { url: cluster.url, cluster }
}

export async function run(): Promise<void> {
  const shape: CorpusShape = {
    sessions: Math.max(1, Math.round(MESSAGES / PER_SESSION)),
    perSession: PER_SESSION,
  }
  const total = shape.sessions * shape.perSession
  const { url, cluster } = await server()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-pg-bench-'))
  try {
    let started = performance.now()
    await loadPostgres(url, shape)
    console.log(
      `PostgreSQL: loaded ${total} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    started = performance.now()
    const file = path.join(dir, 'mirror.db')
    loadSqlite(file, shape)
    console.log(
      `SQLite: loaded the same rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    const target = sessionId(shape.sessions - 1)

    // Raw SQL on the same tables, same server, same run: appends to another session.
    const client = new pg.Client({
      connectionString: url,
      options: '-c synchronous_commit=on',
    })
    await client.connect()
    const rawTarget = sessionId(0)
    const rawAdded = newMessages(rawTarget, total + 10_000, 29)
    let parent = `msg_11_${PER_SESSION - 1}`
    const rawAppendTimes = await timed(rawAdded.length, async (i) => {
      await rawAppend(client, rawAdded[i]!, parent)
      parent = rawAdded[i]!.id
    })
    const rawOpen = await timed(OPENS, () =>
      client.query(
        `SELECT id, role, content, created_at, metadata FROM messages
         WHERE session_id = $1 ORDER BY seq DESC LIMIT 50`,
        [target],
      ),
    )
    const rawSearch = new Map<string, number[]>()
    for (const q of QUERIES) {
      const query = tsQuery(parseQuery(q), false)
      const sql = `SELECT id, ts_rank(search_words, $1::tsquery) AS r FROM messages
        WHERE search_words @@ $1::tsquery ORDER BY r DESC LIMIT 20`
      await client.query(sql, [query])
      rawSearch.set(q, await timed(SEARCH_RUNS, () => client.query(sql, [query])))
    }
    await client.end()

    const postgres = await openPostgresStorage({ url })
    const onPg = await measureStorage(postgres, target, total)
    await postgres.close()
    const sqlite = await openSqliteStorage(file)
    const onSqlite = await measureStorage(sqlite, target, total)
    await sqlite.close()

    const size = `${(total / 1000).toFixed(0)}k messages`
    console.log(`\nfigure | app (PostgresStorage) | baseline | ratio | target | verdict`)
    const figures: Figure[] = [
      {
        name: `append p50 @ ${size} vs raw SQL`,
        app: p50(onPg.append),
        base: p50(rawAppendTimes),
        target: 2,
        unit: 'µs',
      },
      {
        name: `open last 50 p50 @ ${size} vs raw SQL`,
        app: p50(onPg.open),
        base: p50(rawOpen),
        target: 3,
        unit: 'ms',
      },
    ]
    for (const q of QUERIES) {
      figures.push({
        name: `search "${q}" p95 @ ${size} vs raw ts_rank`,
        app: p95(onPg.search.get(q)!),
        base: p95(rawSearch.get(q)!),
        target: 1,
        unit: 'ms',
      })
    }
    figures.push(
      {
        name: `append p50 @ ${size} vs SQLite backend`,
        app: p50(onPg.append),
        base: p50(onSqlite.append),
        target: 10,
        unit: 'µs',
      },
      {
        name: `open last 50 p50 @ ${size} vs SQLite backend`,
        app: p50(onPg.open),
        base: p50(onSqlite.open),
        target: 10,
        unit: 'ms',
      },
    )
    for (const q of QUERIES) {
      figures.push({
        name: `search "${q}" p95 @ ${size} vs SQLite backend`,
        app: p95(onPg.search.get(q)!),
        base: p95(onSqlite.search.get(q)!),
        target: 10,
        unit: 'ms',
      })
    }
    for (const f of figures) console.log(line(f))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
    cluster?.destroy()
  }
}
