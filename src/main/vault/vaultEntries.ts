import { randomUUID } from 'node:crypto'
import { MirrorError } from '../../shared/errors'
import { VAULT_CATEGORIES, VaultEntryOptionsSchema, VaultValueSchema } from '../../shared/vault'
import { VAULT_KEY_MAX_LENGTH } from '../../shared/vault'
import type { VaultCategory, VaultEntry, VaultEntryOptions, VaultValue } from '../../shared/vault'
import type { Clock } from '../services/ids'
import { entryToPlaintext, plaintextToEntry } from './recordFormat'
import { openRecord, sealRecord } from './recordCodec'
import type { StoredRecord, VaultRecordStore } from './recordStore'

export const DEFAULT_CATEGORY: VaultCategory = 'private'

/**
 * Entries the app keeps for itself (memory suggestions waiting for review, docs/memory.md):
 * read and written by key, but left out of lists, searches and counts, so the vault's own list
 * shows only what the user keeps.
 */
export const INTERNAL_ENTRY_KEYS: ReadonlySet<string> = new Set(['memory-suggestions'])
const shown = (entry: VaultEntry): boolean => !INTERNAL_ENTRY_KEYS.has(entry.key)

export interface StoredEntry {
  recordId: string
  entry: VaultEntry
}

export interface EntryDeps {
  store: VaultRecordStore
  clock: Clock
  /** The DEK; throws VAULT_LOCKED while locked. */
  key(): Buffer
}

function invalid(message: string, issues?: unknown): MirrorError {
  return new MirrorError('VALIDATION_FAILED', message, issues ? { issues } : undefined)
}

function validKey(key: unknown): string {
  if (typeof key !== 'string' || key.trim() === '' || key.length > VAULT_KEY_MAX_LENGTH) {
    throw invalid(`A vault key must be 1 to ${VAULT_KEY_MAX_LENGTH} characters.`)
  }
  return key
}

function newer(a: string, b: string): boolean {
  const ta = Date.parse(a)
  const tb = Date.parse(b)
  return Number.isNaN(ta) || Number.isNaN(tb) ? a > b : ta > tb
}

/**
 * Vault entries. Keys are secret too, so records get random ids and the key → record map exists
 * only in memory while unlocked, rebuilt by decrypting when another process changed the file.
 */
export class EntryBook {
  private index: Map<string, string> | null = null
  private indexToken = -1

  constructor(private readonly deps: EntryDeps) {}

  /** Forgets every key held in memory (on lock). */
  clear(): void {
    this.index?.clear()
    this.index = null
  }

  /**
   * Decrypts every readable entry; also refreshes the index. Duplicate keys (two processes
   * racing) keep the newest.
   */
  async loadAll(): Promise<StoredEntry[]> {
    this.deps.key()
    const token = await this.deps.store.changeToken()
    const records = await this.deps.store.listRecords('entry')
    // Fetched after the last await: a lock() meanwhile zeroes the key in place.
    const dek = this.deps.key()
    const byKey = new Map<string, StoredEntry>()
    for (const record of records) {
      // A damaged record is skipped here and reported by check(): it must not hide the others.
      const opened = openRecord(dek, record)
      if (!opened.ok || opened.plain.kind !== 'entry') continue
      const plain = opened.plain
      const current = byKey.get(plain.key)
      if (!current || newer(plain.updatedAt, current.entry.updatedAt)) {
        byKey.set(plain.key, { recordId: record.id, entry: plaintextToEntry(plain) })
      }
    }
    this.index = new Map([...byKey].map(([k, v]) => [k, v.recordId]))
    this.indexToken = token
    return [...byKey.values()]
  }

  /**
   * The stored record of `key` (null: the index named one that is gone; undefined: no such key).
   * When the index knows the key, the record and the change token are read in one statement,
   * and the record is used if no other process wrote since the index was built.
   */
  private async recordOf(key: string): Promise<StoredRecord | null | undefined> {
    const known = this.index?.get(key)
    if (known !== undefined) {
      const { record, token } = await this.deps.store.getRecordWithToken(known)
      if (token === this.indexToken) return record
    }
    const recordId = await this.recordIdFor(key)
    if (!recordId) return undefined
    return this.deps.store.getRecord(recordId)
  }

  private async recordIdFor(key: string): Promise<string | undefined> {
    if (!this.index || (await this.deps.store.changeToken()) !== this.indexToken)
      await this.loadAll()
    return this.index?.get(key)
  }

  async get(key: string): Promise<VaultEntry | null> {
    const found = await this.find(validKey(key))
    return found?.entry ?? null
  }

  private async find(key: string): Promise<StoredEntry | null> {
    this.deps.key()
    const record = await this.recordOf(key)
    if (record === undefined) return null
    if (record === null) {
      this.index = null
      return null
    }
    const recordId = record.id
    const opened = openRecord(this.deps.key(), record)
    if (!opened.ok) {
      // Damaged since the index was built: the key is unreadable, so treat it as absent.
      this.index = null
      return null
    }
    const plain = opened.plain
    if (plain.kind !== 'entry' || plain.key !== key) {
      throw new MirrorError(
        'VAULT_CORRUPT',
        `Vault record ${recordId} does not hold the entry asked for.`,
      )
    }
    return { recordId, entry: plaintextToEntry(plain) }
  }

  async set(key: string, value: VaultValue, options: VaultEntryOptions = {}): Promise<VaultEntry> {
    validKey(key)
    const parsedValue = VaultValueSchema.safeParse(value)
    if (!parsedValue.success) throw invalid('A vault value must be text or JSON.')
    const parsed = VaultEntryOptionsSchema.safeParse(options)
    if (!parsed.success) throw invalid('Invalid vault entry options.', parsed.error.issues)
    const opts = parsed.data
    this.deps.key()
    const previous = await this.find(key)
    const now = this.deps.clock.now().toISOString()
    const old = previous?.entry
    const entry: VaultEntry = {
      key,
      value: parsedValue.data,
      category: opts.category ?? old?.category ?? DEFAULT_CATEGORY,
      tags: opts.tags ?? old?.tags ?? [],
      metadata: opts.metadata ?? old?.metadata ?? {},
      useInConversations: opts.useInConversations ?? old?.useInConversations ?? false,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
    }
    const recordId = previous?.recordId ?? `entry:${randomUUID()}`
    await this.deps.store.putRecords([
      sealRecord(this.deps.key(), recordId, entryToPlaintext(entry), now),
    ])
    this.index?.set(key, recordId)
    return entry
  }

  async delete(key: string): Promise<boolean> {
    validKey(key)
    this.deps.key()
    const recordId = await this.recordIdFor(key)
    if (!recordId) return false
    this.index?.delete(key)
    return (await this.deps.store.deleteRecords([recordId])) > 0
  }

  async list(filter: { category?: VaultCategory } = {}): Promise<VaultEntry[]> {
    if (filter.category !== undefined && !VAULT_CATEGORIES.includes(filter.category)) {
      throw invalid(`Unknown category; use one of ${VAULT_CATEGORIES.join(', ')}.`)
    }
    return (await this.loadAll())
      .map((s) => s.entry)
      .filter(shown)
      .filter((e) => filter.category === undefined || e.category === filter.category)
      .sort((a, b) => a.key.localeCompare(b.key))
  }

  /** Every term must appear (case-insensitive) in the key, value or tags; key hits rank first. */
  async search(query: string): Promise<VaultEntry[]> {
    const terms = String(query).toLowerCase().split(/\s+/).filter(Boolean)
    if (terms.length === 0) return []
    const scored: Array<{ entry: VaultEntry; score: number }> = []
    for (const { entry } of await this.loadAll()) {
      if (!shown(entry)) continue
      const key = entry.key.toLowerCase()
      const value = (
        typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value)
      ).toLowerCase()
      const tags = entry.tags.map((t) => t.toLowerCase())
      const fields = [key, value, ...tags]
      if (!terms.every((t) => fields.some((f) => f.includes(t)))) continue
      const score =
        terms.filter((t) => key.includes(t)).length * 2 +
        terms.filter((t) => tags.some((g) => g.includes(t))).length
      scored.push({ entry, score })
    }
    return scored
      .sort((a, b) => b.score - a.score || b.entry.updatedAt.localeCompare(a.entry.updatedAt))
      .map((s) => s.entry)
  }

  async countByCategory(): Promise<Record<VaultCategory, number>> {
    const counts = Object.fromEntries(VAULT_CATEGORIES.map((c) => [c, 0])) as Record<
      VaultCategory,
      number
    >
    for (const { entry } of await this.loadAll()) if (shown(entry)) counts[entry.category]++
    return counts
  }
}
