import { existsSync } from 'node:fs'
import path from 'node:path'
import type { Message } from '../../shared/domain'
import type { ContinuityApi } from '../continuity/continuityLog'
import type { IdentityStore } from '../continuity/identity'
import type { Clock } from '../services/ids'
import { PROVIDER_SETTINGS_FILE, ProviderStore } from '../llm/providerStore'
import { INSTRUCTIONS_FILE, InstructionsStore } from '../services/instructions/instructionsStore'
import type { Storage } from '../storage/storage'
import { isSealed } from '../vault/sensitiveStorage'
import { readVaultSettings, VAULT_SETTINGS_FILE } from '../vault/vaultSettings'
import { MEMORY_SETTINGS_FILE, MemoryPrivacySettings } from '../memory/memoryPrivacy'
import type { VaultService } from '../vault/vaultService'
import type { BackupRecord } from './backupFormat'
import type { BlobStore } from '../attachments/blobStore'

/** What a full backup reads and writes, each through its own API (so any backend works). */
export interface BackupSources {
  /** The mirror's storage: sensitive contents stay in the vault (read back sealed). */
  storage: Storage
  vault: Pick<
    VaultService,
    'sealForBackup' | 'exportBackup' | 'restoreBackup' | 'status' | 'unlocked' | 'get'
  >
  log: ContinuityApi
  identity: IdentityStore
  /** The app files dir (paths.appFilesDir): providers.json, instructions.json, vault-settings.json. */
  settingsDir: string
  clock: Clock
  /** The attachment files (absent: a backup without them, as before they existed). */
  blobs?: BlobStore
}

const PAGE = 500

/** The row as the main store holds it: a sealed message's content lives in the vault records. */
export function asStored(message: Message): Message {
  if (!isSealed(message)) return message
  const { locked: _l, vaultMissing: _m, vaultDamaged: _d, ...metadata } = message.metadata
  return { ...message, content: '', metadata }
}

/** Identity and the settings files that exist. API keys are in the keychain and never read. */
export async function* settingsRecords(src: BackupSources): AsyncGenerator<BackupRecord> {
  yield { type: 'identity', identity: src.identity.get() }
  const at = (name: string) => existsSync(path.join(src.settingsDir, name))
  if (at(PROVIDER_SETTINGS_FILE)) {
    yield {
      type: 'providerSettings',
      value: await new ProviderStore(src.settingsDir).read(),
    }
  }
  if (at(INSTRUCTIONS_FILE)) {
    yield {
      type: 'instructions',
      value: await new InstructionsStore(src.settingsDir).read(),
    }
  }
  if (at(VAULT_SETTINGS_FILE)) {
    yield { type: 'vaultSettings', value: await readVaultSettings(src.settingsDir) }
  }
  if (at(MEMORY_SETTINGS_FILE)) {
    yield { type: 'memorySettings', value: await new MemoryPrivacySettings(src.settingsDir).get() }
  }
}

export async function* logRecords(log: ContinuityApi): AsyncGenerator<BackupRecord> {
  let after = 0
  for (;;) {
    const page = await log.entriesAfter(after, PAGE)
    for (const entry of page) yield { type: 'logEntry', entry }
    const last = page.at(-1)
    if (!last || page.length < PAGE) return
    after = last.seq
  }
}

/** Sessions (archived too), each followed by its whole message tree, parents first. */
export async function* sessionRecords(storage: Storage): AsyncGenerator<BackupRecord> {
  for (const folder of await storage.listFolders()) yield { type: 'folder', folder }
  let cursor: string | null = null
  for (;;) {
    const page = await storage.listSessions({ archived: 'all', limit: 200, cursor })
    for (const session of page.items) {
      yield { type: 'session', session }
      let after: string | null = null
      for (;;) {
        const tree = await storage.listTree(session.id, { limit: PAGE, after })
        for (const message of tree.items) yield { type: 'message', message: asStored(message) }
        const last = tree.items.at(-1)
        if (!tree.hasMore || !last) break
        after = last.id
      }
    }
    if (!page.nextCursor) return
    cursor = page.nextCursor
  }
}

/**
 * Every attachment file exactly as stored, one record each (one file in memory at a time): a
 * sensitive message's file stays sealed under the vault's key inside the sealed frames.
 */
export async function* attachmentRecords(blobs?: BlobStore): AsyncGenerator<BackupRecord> {
  if (!blobs) return
  for (const id of (await blobs.list()).sort()) {
    const data = await blobs.readStored(id).catch(() => null)
    // Removed by a clean-up since it was listed: nothing refers to it any more.
    if (data) yield { type: 'attachment', id, data: data.toString('base64') }
  }
}
