import type { VaultDamagedRecord } from '../../shared/vault'
import type { Clock } from '../services/ids'
import { openRecord } from './recordCodec'
import type { QuarantineItem, VaultRecordStore } from './recordStore'

export interface CheckDeps {
  store: VaultRecordStore
  clock: Clock
  /** The DEK; throws VAULT_LOCKED (authenticity cannot be checked without it). */
  key(): Buffer
}

export interface QuarantineReport {
  /** How many records were moved out of the live vault. */
  quarantined: number
  records: VaultDamagedRecord[]
}

async function damagedItems(deps: CheckDeps): Promise<QuarantineItem[]> {
  deps.key()
  const records = await deps.store.listRecords()
  // Fetched after the last await: a lock() meanwhile zeroes the key in place.
  const dek = deps.key()
  const damaged: QuarantineItem[] = []
  for (const record of records) {
    const opened = openRecord(dek, record)
    if (!opened.ok) damaged.push({ record, reason: opened.reason })
  }
  return damaged
}

function describe(items: readonly QuarantineItem[]): VaultDamagedRecord[] {
  return items.map(({ record, reason }) => ({
    id: record.id,
    kind: String(record.kind),
    reason,
  }))
}

/** Every live record that cannot be read, in storage order. */
export async function checkRecords(deps: CheckDeps): Promise<VaultDamagedRecord[]> {
  return describe(await damagedItems(deps))
}

/** Moves every damaged record into the quarantine table, where it is kept but no longer read. */
export async function quarantineDamaged(deps: CheckDeps): Promise<QuarantineReport> {
  const items = await damagedItems(deps)
  if (items.length === 0) return { quarantined: 0, records: [] }
  const quarantined = await deps.store.quarantineRecords(items, deps.clock.now().toISOString())
  return { quarantined, records: describe(items) }
}
