import { randomUUID } from 'node:crypto'
import { MirrorError } from '../../shared/errors'
import { decryptRecord } from '../crypto/records'
import { keyCheck } from '../crypto/keyWrap'
import { wipe } from '../crypto/wipe'
import type { Clock } from '../services/ids'
import { formatBackup, parseBackup } from './backupFormat'
import type { ParsedBackup } from './backupFormat'
import { messageRecordId, RecordPlaintextSchema } from './recordFormat'
import type { RecordPlaintext } from './recordFormat'
import { sealRecord } from './recordCodec'
import type { StoredRecord, VaultMeta, VaultRecordStore } from './recordStore'
import type { EntryBook } from './vaultEntries'
import type { VaultDamageReason } from '../../shared/vault'
import { unwrapWithPassword } from './vaultKeys'

export type RestoreMode = 'new' | 'merge'

export interface RestoreReport {
  mode: RestoreMode
  vaultId: string
  /** Records that did not exist before. */
  added: number
  /** Existing entries replaced by a newer one from the backup. */
  updated: number
  /** Backup records skipped because the vault already held the same or a newer one. */
  kept: number
  /** Backup records that could not be opened (damaged in the file): skipped, named by id. */
  damaged: BackupDamage[]
}

export interface BackupDamage {
  id: string
  reason: VaultDamageReason
}

export interface RestoreContext {
  store: VaultRecordStore
  clock: Clock
  entries: EntryBook
  /** The current DEK; throws VAULT_LOCKED. */
  key(): Buffer
  /** Takes ownership of a restored vault's DEK (the vault is then unlocked). */
  adopt(dek: Buffer): void
}

/** The backup of vault.md: meta and records exactly as stored (no key needed; nothing decrypted). */
export async function exportBackup(store: VaultRecordStore): Promise<string> {
  const snapshot = await store.snapshot()
  if (!snapshot) throw new MirrorError('VAULT_NOT_INITIALIZED', 'There is no vault to back up yet.')
  return formatBackup(snapshot.meta, snapshot.records)
}

interface OpenedRecord {
  id: string
  plain: RecordPlaintext
  source: ParsedBackup['records'][number]
}

/**
 * Unwraps the backup's DEK and authenticates and parses every record, in memory only. A record
 * that fails is damage in that record alone (the key section opened, so the password is right):
 * it is named and left out, and the rest restores.
 */
async function openBackup(
  parsed: ParsedBackup,
  password: string,
): Promise<{ dek: Buffer; records: OpenedRecord[]; damaged: BackupDamage[] }> {
  const dek = await unwrapWithPassword(parsed.kdf, parsed.wrappedKey, password, null)
  if (!dek) {
    throw new MirrorError(
      'VAULT_BAD_PASSWORD',
      'The password does not open this backup (or its key section is damaged); nothing was changed.',
    )
  }
  const records: OpenedRecord[] = []
  const damaged: BackupDamage[] = []
  for (const source of parsed.records) {
    let plain: unknown
    try {
      plain = decryptRecord(dek, source.id, source)
    } catch (error) {
      damaged.push({
        id: source.id,
        reason: error instanceof SyntaxError ? 'notJson' : 'integrity',
      })
      continue
    }
    const result = RecordPlaintextSchema.safeParse(plain)
    if (result.success) records.push({ id: source.id, plain: result.data, source })
    else damaged.push({ id: source.id, reason: 'wrongShape' })
  }
  return { dek, records, damaged }
}

function isNewer(a: string, b: string): boolean {
  const ta = Date.parse(a)
  const tb = Date.parse(b)
  return Number.isNaN(ta) || Number.isNaN(tb) ? a > b : ta > tb
}

/** Keeps one record per entry key (newest) and per message id (first), as the vault expects. */
function dedupe(records: OpenedRecord[]): OpenedRecord[] {
  const entries = new Map<string, OpenedRecord>()
  const messages = new Map<string, OpenedRecord>()
  for (const r of records) {
    if (r.plain.kind === 'message') {
      if (!messages.has(r.plain.messageId)) messages.set(r.plain.messageId, r)
    } else {
      const seen = entries.get(r.plain.key)
      if (
        !seen ||
        (seen.plain.kind === 'entry' && isNewer(r.plain.updatedAt, seen.plain.updatedAt))
      ) {
        entries.set(r.plain.key, r)
      }
    }
  }
  return [...entries.values(), ...messages.values()]
}

function updatedAtOf(plain: RecordPlaintext, now: string): string {
  return plain.kind === 'entry' ? plain.updatedAt : now
}

/** Records for a new vault: verbatim where the id already fits, re-sealed (fresh IV) where not. */
function recordsForNewVault(dek: Buffer, records: OpenedRecord[], now: string): StoredRecord[] {
  const used = new Set<string>()
  return dedupe(records).map((r) => {
    let id = r.plain.kind === 'message' ? messageRecordId(r.plain.messageId) : r.id
    if (r.plain.kind === 'entry' && (id.startsWith('message:') || used.has(id)))
      id = `entry:${randomUUID()}`
    used.add(id)
    const updatedAt = updatedAtOf(r.plain, now)
    if (id === r.id) return { ...r.source, kind: r.plain.kind, updatedAt }
    return sealRecord(dek, id, r.plain, updatedAt)
  })
}

/**
 * Restores a backup. Everything (format, sizes, password, every record's tag and plaintext) is
 * verified before the single write, so a failure leaves the vault exactly as it was; records
 * that fail their own check are reported in `damaged` and left out.
 * 'new' creates the vault from the backup (same vault id, password and key) and unlocks it.
 * 'merge' re-encrypts the backup's records under the open vault's key with fresh IVs; on a key
 * clash the entry with the newer updatedAt wins (ties keep the vault's); messages already
 * present are kept.
 */
export async function restoreBackup(
  ctx: RestoreContext,
  text: string,
  password: string,
  mode: RestoreMode,
): Promise<RestoreReport> {
  const parsed = parseBackup(text)
  const meta = await ctx.store.readMeta()
  if (mode === 'new' && meta) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      'A vault already exists here; restore with merge instead. Nothing was changed.',
    )
  }
  if (mode === 'merge') {
    if (!meta)
      throw new MirrorError(
        'VAULT_NOT_INITIALIZED',
        'There is no vault to merge into; restore as a new vault.',
      )
    ctx.key()
  }
  const opened = await openBackup(parsed, password)
  const now = ctx.clock.now().toISOString()
  if (mode === 'new') {
    try {
      const newMeta: VaultMeta = {
        vaultId: parsed.vaultId,
        kdf: parsed.kdf,
        wrappedKey: parsed.wrappedKey,
        keyCheck: keyCheck(opened.dek),
        createdAt: now,
      }
      const records = recordsForNewVault(opened.dek, opened.records, now)
      await ctx.store.create(newMeta, records)
      ctx.adopt(opened.dek)
      return {
        mode,
        vaultId: parsed.vaultId,
        added: records.length,
        updated: 0,
        kept: opened.records.length - records.length,
        damaged: opened.damaged,
      }
    } catch (error) {
      wipe(opened.dek)
      throw error
    }
  }
  wipe(opened.dek)
  const report = await merge(
    ctx,
    meta as VaultMeta,
    dedupe(opened.records),
    opened.records.length,
    now,
  )
  return { ...report, damaged: opened.damaged }
}

async function merge(
  ctx: RestoreContext,
  meta: VaultMeta,
  records: OpenedRecord[],
  total: number,
  now: string,
): Promise<Omit<RestoreReport, 'damaged'>> {
  const current = new Map((await ctx.entries.loadAll()).map((s) => [s.entry.key, s]))
  const existingIds = new Set((await ctx.store.listRecords()).map((r) => r.id))
  // Fetched after the last read: a lock() meanwhile zeroes the key in place.
  const dek = ctx.key()
  const writes: StoredRecord[] = []
  let added = 0
  let updated = 0
  for (const r of records) {
    let id: string
    if (r.plain.kind === 'message') {
      id = messageRecordId(r.plain.messageId)
      if (existingIds.has(id)) continue
      added++
    } else {
      const mine = current.get(r.plain.key)
      if (mine) {
        if (!isNewer(r.plain.updatedAt, mine.entry.updatedAt)) continue
        id = mine.recordId
        updated++
      } else {
        id = existingIds.has(r.id) || r.id.startsWith('message:') ? `entry:${randomUUID()}` : r.id
        added++
      }
    }
    existingIds.add(id)
    writes.push(sealRecord(dek, id, r.plain, updatedAtOf(r.plain, now)))
  }
  await ctx.store.putRecords(writes)
  // Our own writes do not move the store's change token, so the key index must be rebuilt.
  ctx.entries.clear()
  return { mode: 'merge', vaultId: meta.vaultId, added, updated, kept: total - added - updated }
}
