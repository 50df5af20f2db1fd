import type { VaultDamageReason } from '../../shared/vault'
import type { Sealed } from '../crypto/envelope'
import type { KdfParams } from '../crypto/kdf'

export const RECORD_KINDS = ['entry', 'message'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]

/** What the vault keeps about itself: everything needed to turn the password into the DEK. */
export interface VaultMeta {
  vaultId: string
  kdf: KdfParams
  wrappedKey: Sealed
  /** HMAC fingerprint of the DEK (see keyWrap.keyCheck). */
  keyCheck: Buffer
  createdAt: string
}

/** One encrypted record as stored: no plaintext beyond its id, kind and change time. */
export interface StoredRecord extends Sealed {
  id: string
  kind: RecordKind
  updatedAt: string
}

/** A damaged record to move out of the live vault, and why. */
export interface QuarantineItem {
  record: StoredRecord
  reason: VaultDamageReason
}

/** Consecutive failed password unlocks, persisted so a new process cannot skip the delay. */
export interface LockoutState {
  failures: number
  /** Epoch ms before which password attempts are refused; 0 when none. */
  retryAt: number
}

/**
 * Where the vault keeps its meta and encrypted records. Async so a server-side backend can
 * implement it; every method that writes more than one thing is atomic.
 */
export interface VaultRecordStore {
  readMeta(): Promise<VaultMeta | null>
  /** Creates the vault with its first records in one transaction; fails if a vault exists. */
  create(meta: VaultMeta, records: readonly StoredRecord[]): Promise<void>
  /** Replaces the KDF params and wrapped key (change password); records are not touched. */
  replaceKey(vaultId: string, kdf: KdfParams, wrappedKey: Sealed): Promise<void>
  readRemembered(): Promise<boolean>
  writeRemembered(on: boolean): Promise<void>
  readLockout(): Promise<LockoutState>
  writeLockout(state: LockoutState): Promise<void>
  getRecord(id: string): Promise<StoredRecord | null>
  /** `getRecord` with `changeToken`, both of the same state of the store. */
  getRecordWithToken(id: string): Promise<{ record: StoredRecord | null; token: number }>
  listRecords(kind?: RecordKind): Promise<StoredRecord[]>
  countRecords(kind?: RecordKind): Promise<number>
  /** Inserts or replaces records, all in one transaction. */
  putRecords(records: readonly StoredRecord[]): Promise<void>
  /** Deletes records, all in one transaction; returns how many existed. */
  deleteRecords(ids: readonly string[]): Promise<number>
  /**
   * Moves records into the quarantine (kept, never deleted), all in one transaction. A record
   * rewritten since it was read (another IV) stays where it is; returns how many moved.
   */
  quarantineRecords(items: readonly QuarantineItem[], at: string): Promise<number>
  /** Meta and every record read in one consistent snapshot (for backups). */
  snapshot(): Promise<{ meta: VaultMeta; records: StoredRecord[] } | null>
  /** Changes whenever another connection commits, so in-memory indexes know to rebuild. */
  changeToken(): Promise<number>
  close(): Promise<void>
}
