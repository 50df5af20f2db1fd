import { existsSync } from 'node:fs'
import path from 'node:path'
import type { SecretStore } from '../keychain/secretStore'
import { lazyRecordStore } from './lazyRecordStore'
import { readVaultSettings, writeVaultSettings } from './vaultSettings'
import { openVaultStore, VAULT_FILE_NAME } from './vaultStore'
import { VaultService } from './vaultService'

export interface MirrorVaultOptions {
  /** The OS keychain for "Remember on this device" (the composition root picks it). */
  keychain: SecretStore
  /** PBKDF2 iterations for new vaults and password changes (never below 100 000). */
  iterations?: number
}

/**
 * `AMOS_VAULT_KDF_ITERATIONS` lets spawned test hosts (CLI, browser host) create vaults faster.
 * kdf.ts still refuses anything below 100 000, so it cannot weaken a vault past that floor.
 */
function iterationsFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const text = env['AMOS_VAULT_KDF_ITERATIONS']
  const value = Number(text)
  return text && Number.isSafeInteger(value) ? value : undefined
}

/**
 * The vault every host builds (`<dir>/vault.db`, created on first write), with the auto-lock
 * delay saved in vault-settings.json applied.
 */
export async function openMirrorVault(
  dir: string,
  options: MirrorVaultOptions,
): Promise<VaultService> {
  const file = path.join(dir, VAULT_FILE_NAME)
  const vault = new VaultService({
    store: lazyRecordStore(
      () => openVaultStore(dir),
      () => existsSync(file),
    ),
    keychain: options.keychain,
    iterations: options.iterations ?? iterationsFromEnv(process.env),
    saveAutoLock: (minutes) => writeVaultSettings(dir, { autoLockMinutes: minutes }),
  })
  vault.setAutoLock((await readVaultSettings(dir)).autoLockMinutes)
  return vault
}
