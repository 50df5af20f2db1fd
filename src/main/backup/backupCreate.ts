import { stat } from 'node:fs/promises'
import { newDataKey } from '../crypto/keyWrap'
import { wipe } from '../crypto/wipe'
import { parseBackup } from '../vault/backupFormat'
import { FILE_KEY_AAD } from './backupFormat'
import type { BackupCounts, BackupRecord } from './backupFormat'
import { attachmentRecords, logRecords, sessionRecords, settingsRecords } from './backupSources'
import type { BackupSources } from './backupSources'
import { BackupWriter } from './backupWriter'

export interface CreatedBackup {
  file: string
  createdAt: string
  bytes: number
  counts: BackupCounts
}

const b64 = (b: Buffer): string => b.toString('base64')

async function* vaultRecords(src: BackupSources): AsyncGenerator<BackupRecord> {
  // The vault's own backup is its records exactly as stored: nothing is decrypted here.
  const { records } = parseBackup(await src.vault.exportBackup())
  for (const r of records) {
    yield {
      type: 'vaultRecord',
      record: { id: r.id, iv: b64(r.iv), ciphertext: b64(r.ciphertext), tag: b64(r.tag) },
    }
  }
}

/**
 * Writes a full backup of everything (docs/backup.md) to `target`. Needs the vault unlocked: the
 * file key is sealed under its data key, so the vault password opens the backup. The order of
 * sections is the order a restore needs (the log before anything that logs).
 */
export async function createFullBackup(src: BackupSources, target: string): Promise<CreatedBackup> {
  const createdAt = src.clock.now().toISOString()
  const key = newDataKey()
  let writer: BackupWriter
  try {
    const seal = await src.vault.sealForBackup(key, FILE_KEY_AAD)
    writer = await BackupWriter.create(
      target,
      key,
      { vaultId: seal.vaultId, kdf: seal.kdf, wrappedKey: seal.wrappedKey, fileKey: seal.sealed },
      createdAt,
    )
  } catch (error) {
    wipe(key)
    throw error
  }
  try {
    const sections = [
      settingsRecords(src),
      logRecords(src.log),
      vaultRecords(src),
      sessionRecords(src.storage),
      attachmentRecords(src.blobs),
    ]
    for (const section of sections) {
      for await (const record of section) await writer.add(record)
    }
  } catch (error) {
    await writer.abort()
    throw error
  }
  const counts = await writer.finish()
  return { file: target, createdAt, bytes: (await stat(target)).size, counts }
}
