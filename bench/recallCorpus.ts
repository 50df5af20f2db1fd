import fs from 'node:fs'
import Database from 'better-sqlite3-multiple-ciphers'
import { LATEST_VERSION } from '../src/main/storage/sqlite/migrations'
import { migrate } from '../src/main/storage/sqlite/migrate'
import { normalizeToken } from '../src/main/storage/textSearch'

/**
 * A large, deterministic corpus for the recall benchmark, written straight into a database with
 * the app's own migrations (same schema, same FTS triggers) in big transactions.
 *
 * Words follow a Zipf distribution over a vocabulary whose head is English function words and
 * whose tail is 30 000 made-up words, so term frequencies look like real text: a few terms in
 * most messages, a long tail of rare ones, and mid-frequency terms in 1–3 % of messages (the
 * expensive case for a bm25 search).
 */

const HEAD =
  `the a and to of i you it in is that was for my me this with on be have not but what so we just
  feel think about like today time really know more want would one when how there some still
  because work do at all are as if they your can had get out up now day go me been much did`.split(
    /\s+/,
  )
const SYLLABLES =
  'ka ri mo sel tan vor lin da pe qua zu mir ost el bra ven tor ish lo cam del fi nor sa gre hol im ur pa'.split(
    ' ',
  )
const TAIL = 30_000

export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function vocabulary(): string[] {
  const random = prng(7)
  const seen = new Set(HEAD)
  const words = [...HEAD]
  while (words.length < HEAD.length + TAIL) {
    const parts = 1 + Math.floor(random() * 4)
    let word = ''
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)]
    if (word.length < 3 || seen.has(word)) continue
    seen.add(word)
    words.push(word)
  }
  return words
}

export interface TextMaker {
  sentence(minWords: number, maxWords: number): string
}

export function textMaker(seed: number): TextMaker {
  const words = vocabulary()
  const cdf = new Float64Array(words.length)
  let total = 0
  for (let r = 0; r < words.length; r++) cdf[r] = total += 1 / (r + 1)
  const random = prng(seed)
  const sample = (): string => {
    const x = random() * total
    let lo = 0
    let hi = words.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cdf[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return words[lo]!
  }
  return {
    sentence(minWords, maxWords) {
      const n = minWords + Math.floor(random() * (maxWords - minWords + 1))
      const out: string[] = []
      for (let i = 0; i < n; i++) out.push(sample())
      const text = out.join(' ')
      return `${text[0]!.toUpperCase()}${text.slice(1)}.`
    },
  }
}

export interface CorpusShape {
  messages: number
  perSession: number
}

const BASE = Date.parse('2023-01-01T00:00:00.000Z')
const SPAN_MS = 2 * 365 * 86_400_000

/** Session id for index i (the bench picks "current" sessions by index). */
export const benchSessionId = (i: number): string => `session_bench_${i}`

/**
 * Builds `file` unless a complete copy is already there (same schema version and size), so
 * repeated runs reuse it. Writes to a temp file first and renames, never leaving half a corpus.
 * Returns the build time in ms (0 when reused).
 */
export function ensureCorpus(
  file: string,
  shape: CorpusShape,
  log: (line: string) => void,
): number {
  if (fs.existsSync(file) && isComplete(file, shape)) return 0
  const started = performance.now()
  const temp = `${file}.building`
  fs.rmSync(temp, { force: true })
  const db = new Database(temp)
  db.pragma('journal_mode = OFF')
  db.pragma('synchronous = OFF')
  migrate(db)
  // With the folded title, as the app's own session writes store it (title search reads it).
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, title, created_at, updated_at, message_count, archived, metadata,
       title_folded)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, session_id, role, content, created_at, pattern, uncertainty,
       sensitive, status, provider, model, metadata)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, 'complete', NULL, NULL, '{}')`,
  )
  const text = textMaker(11)
  const random = prng(13)
  const sessions = Math.ceil(shape.messages / shape.perSession)
  const chunk = 500
  for (let from = 0; from < sessions; from += chunk) {
    db.transaction(() => {
      for (let s = from; s < Math.min(sessions, from + chunk); s++) {
        const start = BASE + Math.floor(random() * SPAN_MS)
        const count = Math.min(shape.perSession, shape.messages - s * shape.perSession)
        const last = new Date(start + count * 60_000).toISOString()
        // A few sessions are archived or excluded from recall, as users would have them.
        const metadata = s % 97 === 0 ? '{"memory":{"excludeFromRecall":true}}' : '{}'
        const title = text.sentence(2, 5)
        insertSession.run(
          benchSessionId(s),
          title,
          new Date(start).toISOString(),
          last,
          count,
          s % 31 === 0 ? 1 : 0,
          metadata,
          normalizeToken(title),
        )
        for (let m = 0; m < count; m++) {
          const at = new Date(start + m * 60_000).toISOString()
          const sensitive = random() < 0.01 ? 1 : 0
          insertMessage.run(
            `msg_bench_${s}_${m}`,
            benchSessionId(s),
            m % 2 === 0 ? 'user' : 'assistant',
            text.sentence(8, 60),
            at,
            sensitive,
          )
        }
      }
    })()
    if ((from / chunk) % 8 === 7)
      log(`  built ${Math.min(sessions, from + chunk) * shape.perSession} messages…`)
  }
  db.pragma('optimize')
  db.close()
  fs.renameSync(temp, file)
  return performance.now() - started
}

function isComplete(file: string, shape: CorpusShape): boolean {
  try {
    const db = new Database(file, { readonly: true })
    try {
      const version = db.pragma('user_version', { simple: true }) as number
      const count = db.prepare('SELECT count(*) FROM messages').pluck().get() as number
      // A copy built before titles were stored folded is rebuilt.
      const unfolded = db
        .prepare('SELECT count(*) FROM sessions WHERE title_folded IS NULL')
        .pluck()
        .get() as number
      return version === LATEST_VERSION && count === shape.messages && unfolded === 0
    } finally {
      db.close()
    }
  } catch {
    return false
  }
}
