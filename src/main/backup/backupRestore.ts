import type { BackupRestoreReport } from '../../shared/routeGroups/backup'
import type { Folder, Message, Session } from '../../shared/domain'
import { isMirrorError, MirrorError } from '../../shared/errors'
import { folderNameKey } from '../storage/folderList'
import { isSealed } from '../vault/sensitiveStorage'
import { BACKUP_FORMAT, BACKUP_VERSION } from '../vault/backupFormat'
import type { BackupHeader, BackupRecord } from './backupFormat'
import { checkBackup, fingerprintOf, messageExists } from './backupPreview'
import { readBackupRecords } from './backupReader'
import {
  restoreIdentity,
  restoreInstructions,
  restoreProviders,
  restoreVaultSettings,
  restoreMemorySettings,
} from './backupSettingsMerge'
import type { BackupSources } from './backupSources'

const BATCH = 500

type VaultLine = Extract<BackupRecord, { type: 'vaultRecord' }>['record']

/** vault.md's backup JSON for the records of a full backup, so the vault restores them itself. */
function vaultBackupText(header: BackupHeader, records: VaultLine[]): string {
  const b64 = (b: Buffer) => b.toString('base64')
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    vaultId: header.vaultId,
    kdf: { name: header.kdf.name, iterations: header.kdf.iterations, salt: b64(header.kdf.salt) },
    wrappedKey: {
      iv: b64(header.wrappedKey.iv),
      ciphertext: b64(header.wrappedKey.ciphertext),
      tag: b64(header.wrappedKey.tag),
    },
    records,
  })
}

/** A sealed row goes back as a row: `locked` tells the sensitive layer its record is in the vault. */
function asRow(message: Message): Message {
  return isSealed(message)
    ? { ...message, metadata: { ...message.metadata, locked: true } }
    : message
}

/** One session being restored: its messages go in batches, so memory stays one batch. */
class SessionRestore {
  private batch: Message[] = []
  private started: boolean

  constructor(
    private readonly src: BackupSources,
    private readonly session: Session,
    private readonly isNew: boolean,
  ) {
    this.started = !isNew
  }

  async add(message: Message): Promise<void> {
    if (!this.isNew && (await messageExists(this.src, message.id))) return
    this.batch.push(asRow(message))
    if (this.batch.length >= BATCH) await this.flush(false)
  }

  async finish(): Promise<void> {
    await this.flush(true)
  }

  private async flush(last: boolean): Promise<void> {
    const rows = this.batch
    this.batch = []
    const { storage } = this.src
    if (!this.started) {
      this.started = true
      const { currentLeafId: _leaf, ...rest } = this.session
      // The current path is set once every message is in (its leaf may be in a later batch).
      await storage.importSession(last ? this.session : rest, rows)
      return
    }
    // New sessions get the backup's current path back; existing ones keep their own.
    const leaf = last && this.isNew ? (this.session.currentLeafId ?? null) : undefined
    if (rows.length > 0) {
      await storage.restoreMessages(
        this.session.id,
        rows,
        leaf === undefined ? {} : { currentLeafId: leaf },
      )
    } else if (leaf) {
      await storage.switchToMessage(leaf)
    }
  }
}

/**
 * Restores a full backup (docs/backup.md). The whole file is checked first (checkBackup: format,
 * password, every frame, a locked vault); nothing is written unless it all holds. Then, by ids,
 * nothing present is overwritten: sessions and messages already here are kept as they are and
 * only missing messages are added; vault entries follow the vault's merge (the newer wins);
 * log entries missing here are appended; identity and settings come back whole only into an
 * empty data dir.
 */
export async function restoreFullBackup(
  src: BackupSources,
  file: string,
  password: string,
): Promise<BackupRestoreReport> {
  const checked = await checkBackup(src, file, password)
  if ((await fingerprintOf(file)) !== checked.fingerprint) {
    throw new MirrorError(
      'BACKUP_CORRUPT',
      'The backup file changed while it was checked; nothing was restored.',
    )
  }
  const empty = checked.preview.target === 'empty'
  const vaultRecords: VaultLine[] = []
  let vaultDone = false
  let damaged: BackupRestoreReport['damagedVaultRecords'] = []
  const restoreVault = async (): Promise<void> => {
    if (vaultDone) return
    vaultDone = true
    if (checked.vaultInitialized && vaultRecords.length === 0) return
    const report = await src.vault.restoreBackup(
      vaultBackupText(checked.header, vaultRecords),
      password,
      checked.vaultInitialized ? 'merge' : 'new',
    )
    damaged = report.damaged
  }
  const folderIds = await folderIdMap(src)
  let current: SessionRestore | null = null
  for await (const record of readBackupRecords(file, password)) {
    if (record.type === 'vaultRecord') {
      vaultRecords.push(record.record)
      continue
    }
    if (record.type === 'folder' || record.type === 'session') await restoreVault()
    if (record.type === 'identity') restoreIdentity(src, record.identity, empty)
    else if (record.type === 'providerSettings') await restoreProviders(src, record.value)
    else if (record.type === 'instructions') await restoreInstructions(src, record.value)
    else if (record.type === 'vaultSettings') await restoreVaultSettings(src, record.value)
    else if (record.type === 'memorySettings') await restoreMemorySettings(src, record.value)
    else if (record.type === 'logEntry') await src.log.importEntry(record.entry)
    else if (record.type === 'folder') await restoreFolder(src, record.folder, folderIds)
    else if (record.type === 'session') {
      await current?.finish()
      const session = mapFolder(record.session, folderIds)
      const isNew = !(await src.storage.hasSession(session.id))
      current = new SessionRestore(src, session, isNew)
    } else if (record.type === 'message') {
      if (current) await current.add(record.message)
    } else if (record.type === 'attachment') {
      // Files already here are the same bytes (plain ids are their hash; sealed ones keyed).
      await src.blobs?.putStored(record.id, Buffer.from(record.data, 'base64'))
    }
  }
  await current?.finish()
  await restoreVault()
  return { ...checked.preview, damagedVaultRecords: damaged }
}

async function folderIdMap(src: BackupSources): Promise<Map<string, string>> {
  const map = new Map<string, string>()
  for (const folder of await src.storage.listFolders()) map.set(folder.id, folder.id)
  return map
}

/** A folder here by id is kept; one with the same name under another id takes its sessions. */
async function restoreFolder(
  src: BackupSources,
  folder: Folder,
  ids: Map<string, string>,
): Promise<void> {
  if (ids.has(folder.id)) return
  try {
    await src.storage.createFolder(folder)
    ids.set(folder.id, folder.id)
  } catch (error) {
    if (!isMirrorError(error) || error.code !== 'FOLDER_EXISTS') throw error
    const same = (await src.storage.listFolders()).find(
      (f) => folderNameKey(f.name) === folderNameKey(folder.name),
    )
    if (same) ids.set(folder.id, same.id)
  }
}

function mapFolder(session: Session, ids: Map<string, string>): Session {
  if (!session.folderId) return session
  return { ...session, folderId: ids.get(session.folderId) ?? null }
}
