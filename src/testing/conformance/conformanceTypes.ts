import type { Storage } from '../../main/storage/storage'

/**
 * One backend under test. `reopen` closes the storage and opens the same data again (to test
 * persistence); backends without durable data (memory) leave it out. `cleanup` closes whichever
 * storage is current and removes any files.
 */
export interface StorageHarness {
  storage: Storage
  reopen?: () => Promise<Storage>
  cleanup(): Promise<void>
}

export interface ConformanceContext {
  harness(): StorageHarness
  storage(): Storage
  /** The backend keeps its data (not memory): the reopen tests are registered only then. */
  durable: boolean
  /** Closes the storage and opens the same data again (durable backends only). */
  reopen(): Promise<Storage>
}
