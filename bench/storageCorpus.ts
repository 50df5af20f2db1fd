import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import type { Message } from '../src/shared/domain'

// The storage benchmarks' corpus: deterministic messages and the raw SQL that stores them.

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

export function makeMessages(
  sessionId: string,
  count: number,
  from: number,
  seed: number,
): Message[] {
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

/** One message row with its place in the tree (parent, on the current path or not). */
export const INSERT_SQL = `INSERT INTO messages (id, session_id, role, content, created_at, pattern,
  uncertainty, sensitive, status, provider, model, metadata, parent_id, on_path)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

export const rowValues = (m: Message, parentId: string | null, onPath: boolean): unknown[] => [
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
  parentId,
  onPath ? 1 : 0,
]

export function rawConnection(file: string): Db {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  return db
}
