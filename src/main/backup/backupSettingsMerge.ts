import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Identity } from '../../shared/continuity'
import type { MemoryPrivacy } from '../../shared/memory'
import { MAX_PERSONA_NAME_CHARS, MAX_PERSONAS } from '../../shared/instructions'
import { writeJsonAtomic } from '../fs/atomicWrite'
import { nodeStoreFs } from '../fs/storeFs'
import type { ProviderSettings } from '../llm/providerConfig'
import { MEMORY_SETTINGS_FILE, MemoryPrivacySettings } from '../memory/memoryPrivacy'
import { PROVIDER_SETTINGS_FILE, ProviderStore } from '../llm/providerStore'
import type { InstructionsFile } from '../services/instructions/instructionsStore'
import { INSTRUCTIONS_FILE, InstructionsStore } from '../services/instructions/instructionsStore'
import type { VaultSettings } from '../vault/vaultSettings'
import { VAULT_SETTINGS_FILE, writeVaultSettings } from '../vault/vaultSettings'
import type { BackupSources } from './backupSources'

/**
 * Settings from a backup. Into an empty data dir they come back as they were; otherwise the
 * data dir's own win and only what it lacks is added (providers and personas by id, the global
 * instructions when blank, the vault settings when there is no file).
 */
export async function restoreProviders(src: BackupSources, value: ProviderSettings): Promise<void> {
  const mine = await new ProviderStore(src.settingsDir).read()
  const ids = new Set(mine.providers.map((p) => p.id))
  const merged: ProviderSettings = {
    ...mine,
    providers: [...mine.providers, ...value.providers.filter((p) => !ids.has(p.id))],
    defaultProviderId: mine.defaultProviderId ?? value.defaultProviderId,
  }
  await writeJsonAtomic(nodeStoreFs, src.settingsDir, PROVIDER_SETTINGS_FILE, merged)
}

export async function restoreInstructions(
  src: BackupSources,
  value: InstructionsFile,
): Promise<void> {
  const mine = await new InstructionsStore(src.settingsDir).read()
  const ids = new Set(mine.personas.map((p) => p.id))
  const names = new Set(mine.personas.map((p) => p.name.trim().toLowerCase()))
  const personas = [...mine.personas]
  for (const persona of value.personas) {
    if (ids.has(persona.id) || personas.length >= MAX_PERSONAS) continue
    // Same name, other persona: both are kept, the restored one marked.
    const name = names.has(persona.name.trim().toLowerCase())
      ? `${persona.name.slice(0, MAX_PERSONA_NAME_CHARS - 11)} (restored)`
      : persona.name
    names.add(name.trim().toLowerCase())
    personas.push({ ...persona, name })
  }
  const merged: InstructionsFile = {
    version: 1,
    instructions: mine.instructions.trim() === '' ? value.instructions : mine.instructions,
    personas,
  }
  await writeJsonAtomic(nodeStoreFs, src.settingsDir, INSTRUCTIONS_FILE, merged)
}

export async function restoreVaultSettings(
  src: BackupSources,
  value: VaultSettings,
): Promise<void> {
  if (existsSync(path.join(src.settingsDir, VAULT_SETTINGS_FILE))) return
  await writeVaultSettings(src.settingsDir, value)
}

/** Like the vault's settings: the backup's switch is taken only where this data dir has none. */
export async function restoreMemorySettings(
  src: BackupSources,
  value: MemoryPrivacy,
): Promise<void> {
  if (existsSync(path.join(src.settingsDir, MEMORY_SETTINGS_FILE))) return
  await new MemoryPrivacySettings(src.settingsDir).set(value)
}

/** The backup's identity replaces this data dir's only when the data dir was empty. */
export function restoreIdentity(src: BackupSources, identity: Identity, empty: boolean): void {
  if (empty) src.identity.replace(identity)
}
