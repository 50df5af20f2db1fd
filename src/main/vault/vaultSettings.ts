import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { writeJsonAtomic } from '../fs/atomicWrite'
import { nodeStoreFs } from '../fs/storeFs'
import { MAX_AUTO_LOCK_MINUTES } from './autoLock'

export const VAULT_SETTINGS_FILE = 'vault-settings.json'
export const DEFAULT_AUTO_LOCK_MINUTES = 15

export const VaultSettingsSchema = z.object({
  /** Idle minutes before auto-lock; null = never. */
  autoLockMinutes: z.number().int().min(1).max(MAX_AUTO_LOCK_MINUTES).nullable(),
})
export type VaultSettings = z.infer<typeof VaultSettingsSchema>

/**
 * Vault preferences that are not secret (the auto-lock delay), kept beside vault.db so the app
 * remembers them across restarts. A missing or unreadable file gives the defaults.
 */
export async function readVaultSettings(dir: string): Promise<VaultSettings> {
  try {
    const parsed = VaultSettingsSchema.safeParse(
      JSON.parse(await readFile(join(dir, VAULT_SETTINGS_FILE), 'utf8')),
    )
    if (parsed.success) return parsed.data
  } catch {
    // Missing or damaged: the defaults apply; the next change rewrites the file.
  }
  return { autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES }
}

export async function writeVaultSettings(dir: string, settings: VaultSettings): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeJsonAtomic(nodeStoreFs, dir, VAULT_SETTINGS_FILE, VaultSettingsSchema.parse(settings))
}
