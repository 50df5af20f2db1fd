import type { SecretStore } from '../keychain/secretStore'
import type { Clock } from '../services/ids'
import type { Timers } from './autoLock'
import { openVaultStore } from './vaultStore'
import type { OpenVaultStoreOptions } from './vaultStore'
import { VaultService } from './vaultService'

export interface OpenVaultOptions extends OpenVaultStoreOptions {
  /** Folder that holds vault.db (the data dir, or `.activemirror/` with JSON storage). */
  dir: string
  keychain: SecretStore
  clock?: Clock
  timers?: Timers
  iterations?: number
}

/** The vault service over `<dir>/vault.db`. */
export function openVault(options: OpenVaultOptions): VaultService {
  const { dir, nativeBinding, busyTimeoutMs, ...rest } = options
  const store = openVaultStore(dir, { nativeBinding, busyTimeoutMs })
  return new VaultService({ store, ...rest })
}
