import { createHash } from 'node:crypto'
import { GENESIS_HASH } from './continuityTypes'
import type { VerifyResult } from './continuityTypes'

/**
 * The hash chain, independent of where entries are stored.
 *
 * hash = lowercase hex SHA-256 of the UTF-8 bytes of
 *   canonicalJson({ seq, id, at, type, subject, data, prevHash })
 * where canonicalJson writes objects with keys sorted by UTF-16 code units, no whitespace, and
 * strings/numbers exactly as JSON.stringify does (the RFC 8785 / JCS rules for the values the log
 * allows: no NaN, no Infinity). prevHash is the previous entry's hash; the first entry (seq 1)
 * has 64 zeros.
 */

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value)
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Non-finite numbers have no canonical form.')
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
  }
  throw new TypeError(`A ${typeof value} has no canonical JSON form.`)
}

export const sha256Hex = (text: string | Buffer): string =>
  createHash('sha256').update(text).digest('hex')

export interface HashedFields {
  seq: number
  id: string
  at: string
  type: string
  subject: string | null
  data: Record<string, unknown>
  prevHash: string
}

export function entryHash(fields: HashedFields): string {
  const { seq, id, at, type, subject, data, prevHash } = fields
  return sha256Hex(canonicalJson({ seq, id, at, type, subject, data, prevHash }))
}

/** An entry as stored: `data` is still JSON text, so an unreadable row is a finding, not a crash. */
export interface StoredEntry {
  seq: number
  id: string
  at: string
  type: string
  subject: string | null
  data: string
  prevHash: string
  hash: string
}

function parseData(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/** Why `entry` does not follow `previous` (null for the first entry), or null when it does. */
export function checkEntry(entry: StoredEntry, previous: StoredEntry | null): string | null {
  const expectedSeq = previous ? previous.seq + 1 : 1
  if (entry.seq !== expectedSeq) {
    return previous
      ? `entries are missing or out of order: seq ${previous.seq} is followed by ${entry.seq}`
      : `the log does not start at seq 1 (first entry is ${entry.seq}): earlier entries were removed`
  }
  const data = parseData(entry.data)
  if (!data) return 'its data is not a JSON object'
  let recomputed: string
  try {
    recomputed = entryHash({ ...entry, data })
  } catch {
    return 'its data cannot be serialized canonically'
  }
  if (recomputed !== entry.hash) return 'its content does not match its hash (the entry was edited)'
  const expectedPrev = previous ? previous.hash : GENESIS_HASH
  if (entry.prevHash !== expectedPrev) {
    return previous
      ? `its prevHash does not match entry ${previous.seq}'s hash (an entry was removed, replaced or inserted before it)`
      : 'the first entry does not start from the genesis hash'
  }
  return null
}

/**
 * Walks entries in seq order and stops at the first broken one. `totalCount` runs after the walk
 * (a database iterator must be closed before the connection can run another statement).
 */
export function verifyChain(
  entries: Iterable<StoredEntry>,
  totalCount: () => number,
): VerifyResult {
  let previous: StoredEntry | null = null
  let count = 0
  let firstBroken: { seq: number; reason: string } | undefined
  for (const entry of entries) {
    const reason = checkEntry(entry, previous)
    if (reason) {
      firstBroken = { seq: entry.seq, reason }
      break
    }
    previous = entry
    count++
  }
  if (firstBroken) return { ok: false, count: totalCount(), headHash: null, firstBroken }
  return { ok: true, count, headHash: previous ? previous.hash : null }
}
