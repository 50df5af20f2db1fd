import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import { isMirrorError } from '../../../shared/errors'
import type { SdkVaultDamage, SdkVaultImportReport } from '../../../shared/sdkVault'
import type { VaultEntry } from '../../../shared/vault'
import type { Clock } from '../../services/ids'
import { sealRecord } from '../recordCodec'
import { entryToPlaintext } from '../recordFormat'
import type { StoredRecord, VaultRecordStore } from '../recordStore'
import type { EntryBook } from '../vaultEntries'
import { sdkEntryToVaultEntry } from './sdkEntryMapping'
import { readSdkVault } from './sdkVaultReader'
import type { SdkVaultFile } from './sdkVaultReader'

export interface SdkImportContext {
  store: VaultRecordStore
  clock: Clock
  entries: EntryBook
  /** The open vault's DEK; throws VAULT_LOCKED. */
  key(): Buffer
  /** Told about each entry written (for the continuity log). */
  created(entry: VaultEntry): void
}

/** Same content as far as the SDK can tell: value, metadata, tags and category. */
function sameContent(a: VaultEntry, b: VaultEntry): boolean {
  return (
    isDeepStrictEqual(a.value, b.value) &&
    isDeepStrictEqual(a.metadata, b.metadata) &&
    isDeepStrictEqual(a.tags, b.tags) &&
    a.category === b.category
  )
}

/**
 * Brings a Python or JavaScript SDK vault folder into the open vault. Everything is decrypted
 * and checked in memory first, then the new entries are written in one transaction, so a wrong
 * password or a locked vault writes nothing. An entry whose key the vault already holds is never
 * overwritten: it is skipped, and listed as a conflict when its content differs.
 */
export async function importSdkVault(
  ctx: SdkImportContext,
  files: readonly SdkVaultFile[],
  password: string,
): Promise<SdkVaultImportReport> {
  ctx.key()
  const contents = await readSdkVault(files, password)
  const current = new Map((await ctx.entries.loadAll()).map((s) => [s.entry.key, s.entry]))
  const now = ctx.clock.now().toISOString()
  const damaged: SdkVaultDamage[] = [...contents.damaged]
  const conflicts: string[] = []
  const fresh: VaultEntry[] = []
  let skipped = 0
  for (const sdk of contents.entries) {
    let entry: VaultEntry
    try {
      entry = sdkEntryToVaultEntry(sdk, now)
    } catch (error) {
      if (!isMirrorError(error)) throw error
      damaged.push({ file: sdk.file, key: sdk.key, reason: error.message })
      continue
    }
    const mine = current.get(entry.key)
    if (mine) {
      skipped++
      if (!sameContent(mine, entry)) conflicts.push(entry.key)
      continue
    }
    fresh.push(entry)
  }
  // Fetched after the last await: a lock() meanwhile zeroes the key in place.
  const dek = ctx.key()
  const writes: StoredRecord[] = fresh.map((entry) =>
    sealRecord(dek, `entry:${randomUUID()}`, entryToPlaintext(entry), now),
  )
  if (writes.length > 0) await ctx.store.putRecords(writes)
  // Our own writes do not move the store's change token, so the key index must be rebuilt.
  ctx.entries.clear()
  for (const entry of fresh) ctx.created(entry)
  return {
    format: contents.format,
    found: contents.entries.length,
    imported: fresh.length,
    skipped,
    conflicts: conflicts.sort(),
    damaged,
  }
}
