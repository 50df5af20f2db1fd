import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { migrate } from '../src/main/storage/sqlite/migrate'
import { openSqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import type { Message, Session } from '../src/shared/domain'
import { percentile } from './stats'

/**
 * Storage figures for issue 2: append cost at 1 000 and 100 000 messages against raw
 * better-sqlite3 inserts of the same rows (same schema, same FTS trigger, one transaction per
 * row, same pragmas), opening the last 50 messages, and full-text search over 100 000 messages.
 */

const SIZES = [1_000, 100_000]
const APPENDS = 2_000
const ROUNDS = 4
const TARGET_RATIO = 3
const SEARCHES = [
  'garden',
  'quiet morning',
  'remember*',
  'cafe',
  'decision deadline',
  'lighthouse',
  'feel* uncertain',
  'project plan budget',
]
const SEARCH_REPEATS = 5

// Deterministic text so runs compare: a Zipf-ish vocabulary with accents and glyphs mixed in.
const COMMON =
  'the a and to of I you it in is that was for my me this with on be have not but what so we just feel think about like today time really know more want would one when how there some still because work'.split(
    ' ',
  )
const TOPICAL =
  'garden morning quiet decision deadline project plan budget family friend sleep walk river memory remember remembering reminder uncertain uncertainty fear hope change habit focus energy tired grateful anxious calm writing reading music café naïve résumé lighthouse ocean winter summer city train coffee tea meeting manager team release design question answer pattern reflection insight doubt choice path'.split(
    ' ',
  )
const GLYPHS = ['◊', '✦', '★', '⬢', '⟨low⟩', '⟨medium⟩', '⟨⟨high⟩⟩']

function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function sentenceMaker(seed: number): () => string {
  const random = rng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() ** 2 * list.length)]!
  return () => {
    const words: string[] = []
    const length = 8 + Math.floor(random() * 40)
    for (let i = 0; i < length; i++) {
      const r = random()
      if (r < 0.62) words.push(pick(COMMON))
      else if (r < 0.96) words.push(pick(TOPICAL))
      else if (r < 0.985) words.push(`w${Math.floor(random() * 50_000).toString(36)}`)
      else words.push(pick(GLYPHS))
    }
    const text = words.join(' ')
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`
  }
}

function makeMessages(sessionId: string, count: number, from: number, seed: number): Message[] {
  const sentence = sentenceMaker(seed)
  const base = Date.parse('2024-01-01T00:00:00Z')
  return Array.from({ length: count }, (_, i) => ({
    id: `msg_${seed}_${from + i}`,
    sessionId,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: sentence(),
    createdAt: new Date(base + (from + i) * 1000).toISOString(),
    pattern: i % 2 === 0 ? null : 'exploratory',
    uncertainty: i % 2 === 0 ? null : 'low',
    sensitive: i % 50 === 0,
    status: 'complete',
    provider: i % 2 === 0 ? null : 'offline',
    model: i % 2 === 0 ? null : 'reflective-v1',
    metadata: i % 2 === 0 ? {} : { usage: { inputTokens: 40, outputTokens: 60 } },
  }))
}

const INSERT_SQL = `INSERT INTO messages (id, session_id, role, content, created_at, pattern,
  uncertainty, sensitive, status, provider, model, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const rowValues = (m: Message): unknown[] => [
  m.id,
  m.sessionId,
  m.role,
  m.content,
  m.createdAt,
  m.pattern,
  m.uncertainty,
  m.sensitive ? 1 : 0,
  m.status,
  m.provider,
  m.model,
  JSON.stringify(m.metadata),
]

function rawConnection(file: string): Db {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  return db
}

/** Builds a database holding one session of `size` messages, the fast way (one transaction). */
function prefill(file: string, session: Session, size: number): void {
  const db = rawConnection(file)
  migrate(db)
  db.prepare(
    'INSERT INTO sessions (id, title, created_at, updated_at, message_count) VALUES (?, ?, ?, ?, ?)',
  ).run(session.id, session.title, session.createdAt, session.updatedAt, size)
  const insert = db.prepare(INSERT_SQL)
  const chunk = 10_000
  db.transaction(() => {
    for (let from = 0; from < size; from += chunk) {
      for (const m of makeMessages(session.id, Math.min(chunk, size - from), from, 7)) {
        insert.run(...rowValues(m))
      }
    }
  })()
  db.close()
}

const micros = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`
const millis = (ms: number): string => `${ms.toFixed(2)} ms`

interface AppendFigures {
  size: number
  appendMs: number
  rawMs: number
}

async function measureAppend(dir: string, size: number): Promise<AppendFigures> {
  const session: Session = {
    id: `session_bench_${size}`,
    title: `Bench ${size}`,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    messageCount: 0,
    archived: false,
    metadata: {},
  }
  const appFile = path.join(dir, `app-${size}.db`)
  const rawFile = path.join(dir, `raw-${size}.db`)
  prefill(appFile, session, size)
  fs.copyFileSync(appFile, rawFile)

  const rows = makeMessages(session.id, APPENDS, size, 11)
  const storage = await openSqliteStorage(appFile)
  const raw = rawConnection(rawFile)
  const insert = raw.prepare(INSERT_SQL)
  const rawInsert = raw.transaction((m: Message) => insert.run(...rowValues(m)))

  // Alternate rounds so background load on a shared machine hits both sides alike.
  const perRound = APPENDS / ROUNDS
  let appendMs = 0
  let rawMs = 0
  for (let round = 0; round < ROUNDS; round++) {
    const batch = rows.slice(round * perRound, (round + 1) * perRound)
    let started = performance.now()
    for (const m of batch) await storage.appendMessage(m)
    appendMs += performance.now() - started
    started = performance.now()
    for (const m of batch) rawInsert.immediate({ ...m, id: `raw_${m.id}` })
    rawMs += performance.now() - started
  }
  const after = await storage.getSession(session.id)
  if (after.messageCount !== size + APPENDS) throw new Error('append bench lost messages')
  await storage.close()
  raw.close()
  return { size, appendMs: appendMs / APPENDS, rawMs: rawMs / APPENDS }
}

async function measureReads(
  file: string,
  sessionId: string,
): Promise<{ lines: string[][]; notes: string[] }> {
  const storage = await openSqliteStorage(file)
  const lines: string[][] = []
  const notes: string[] = []
  try {
    let started = performance.now()
    const first = await storage.listMessages(sessionId, { limit: 50 })
    const coldMs = performance.now() - started
    if (first.items.length !== 50 || !first.hasOlder)
      throw new Error('open bench read a short page')
    const warm: number[] = []
    for (let i = 0; i < 50; i++) {
      started = performance.now()
      await storage.listMessages(sessionId, { limit: 50 })
      warm.push(performance.now() - started)
    }
    lines.push(['open last 50 of 100 000, first call', millis(coldMs), ''])
    lines.push([
      'open last 50 of 100 000, p50 / p95',
      millis(percentile(warm, 50)),
      millis(percentile(warm, 95)),
    ])

    const timings: number[] = []
    const hitCounts: string[] = []
    for (const query of SEARCHES) {
      let hits = 0
      for (let i = 0; i < SEARCH_REPEATS; i++) {
        started = performance.now()
        hits = (await storage.search(query, { limit: 20 })).length
        timings.push(performance.now() - started)
      }
      hitCounts.push(`${query}:${hits}`)
    }
    lines.push([
      `search 100 000 (${SEARCHES.length} queries × ${SEARCH_REPEATS}), p50 / p95`,
      millis(percentile(timings, 50)),
      millis(percentile(timings, 95)),
    ])
    notes.push(`search hits per query (limit 20): ${hitCounts.join(', ')}`)
  } finally {
    await storage.close()
  }
  return { lines, notes }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  for (const row of rows)
    console.log(
      row
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-bench-'))
  try {
    const appends: AppendFigures[] = []
    for (const size of SIZES) appends.push(await measureAppend(dir, size))

    const rows: string[][] = [['measure', 'value', 'comparison']]
    for (const a of appends) {
      const ratio = a.appendMs / a.rawMs
      rows.push([
        `append at ${a.size.toLocaleString('en')} messages (per message)`,
        micros(a.appendMs),
        `raw ${micros(a.rawMs)}  ratio ${ratio.toFixed(2)}×`,
      ])
    }
    const largest = SIZES[SIZES.length - 1]!
    const reads = await measureReads(
      path.join(dir, `app-${largest}.db`),
      `session_bench_${largest}`,
    )
    rows.push(...reads.lines)
    printTable(rows)
    for (const note of reads.notes) console.log(note)

    const worst = Math.max(...appends.map((a) => a.appendMs / a.rawMs))
    const met = worst <= TARGET_RATIO
    console.log(
      `target: append within ${TARGET_RATIO}× of raw insert at both sizes — ${met ? 'MET' : 'NOT MET'} (worst ${worst.toFixed(2)}×)`,
    )
    if (!met) process.exitCode = 1
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
