import { createHash } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { isSealedId } from '../../shared/attachments'
import type { BackupCount, BackupPreview } from '../../shared/routeGroups/backup'
import { MirrorError } from '../../shared/errors'
import { decryptRecord } from '../crypto/records'
import { wipe } from '../crypto/wipe'
import { RecordPlaintextSchema } from '../vault/recordFormat'
import { unwrapWithPassword } from '../vault/vaultKeys'
import type { BackupHeader } from './backupFormat'
import { readBackupHeader, readBackupRecords } from './backupReader'
import type { BackupSources } from './backupSources'

export interface CheckedBackup {
  preview: BackupPreview
  header: BackupHeader
  /** Size and modification time when checked: a restore refuses a file changed since. */
  fingerprint: string
  vaultInitialized: boolean
}

const count = (): BackupCount => ({ total: 0, new: 0, present: 0 })
const tally = (c: BackupCount, present: boolean): void => {
  c.total++
  if (present) c.present++
  else c.new++
}

export async function fingerprintOf(file: string): Promise<string> {
  const s = await stat(file)
  return `${s.size}:${s.mtimeMs}`
}

/** Whether a message id is stored in any session (an index lookup, not a load). */
export async function messageExists(src: BackupSources, id: string): Promise<boolean> {
  return (await src.storage.findIds('message', id, 1))[0] === id
}

/** No sessions and no vault: a restore brings identity and settings back too. */
export async function isEmptyTarget(
  src: BackupSources,
  vaultInitialized: boolean,
): Promise<boolean> {
  if (vaultInitialized) return false
  const page = await src.storage.listSessions({ archived: 'all', limit: 1 })
  return page.items.length === 0
}

/**
 * Reads and authenticates the whole backup and counts what is new here and what is already
 * present, writing nothing. Every failure (foreign file, wrong password, damage anywhere,
 * a locked vault to merge into) is thrown before a restore could write.
 */
export async function checkBackup(
  src: BackupSources,
  file: string,
  password: string,
): Promise<CheckedBackup> {
  const fingerprint = await fingerprintOf(file)
  const header = await readBackupHeader(file)
  const status = await src.vault.status()
  if (status.initialized && !src.vault.unlocked) {
    throw new MirrorError(
      'VAULT_LOCKED',
      'Unlock the vault first: the backup is merged into it. Nothing was changed.',
    )
  }
  const preview: BackupPreview = {
    createdAt: header.createdAt,
    target: (await isEmptyTarget(src, status.initialized)) ? 'empty' : 'merge',
    sessions: count(),
    messages: count(),
    folders: count(),
    vaultEntries: count(),
    logEntries: count(),
    attachments: count(),
  }
  const folderIds = new Set((await src.storage.listFolders()).map((f) => f.id))
  let dek: Buffer | null = null
  try {
    for await (const record of readBackupRecords(file, password)) {
      if (record.type === 'session') {
        tally(preview.sessions, await src.storage.hasSession(record.session.id))
      } else if (record.type === 'message') {
        tally(preview.messages, await messageExists(src, record.message.id))
      } else if (record.type === 'folder') {
        tally(preview.folders, folderIds.has(record.folder.id))
      } else if (record.type === 'attachment') {
        checkAttachment(record.id, record.data)
        tally(preview.attachments, (await src.blobs?.has(record.id)) ?? false)
      } else if (record.type === 'logEntry') {
        tally(preview.logEntries, await src.log.hasEntry(record.entry.id))
      } else if (record.type === 'vaultRecord' && record.record.id.startsWith('entry:')) {
        // The password opened the file, so it opens the key section the records are sealed by.
        dek ??= await unwrapWithPassword(header.kdf, header.wrappedKey, password, null)
        tally(preview.vaultEntries, await entryPresent(src, dek, record.record, status.initialized))
      }
    }
  } finally {
    if (dek) wipe(dek)
  }
  return { preview, header, fingerprint, vaultInitialized: status.initialized }
}

/** A plain file must hash to its id: checked here, so the writing pass cannot fail on one. */
function checkAttachment(id: string, data: string): void {
  if (isSealedId(id)) return
  if (createHash('sha256').update(Buffer.from(data, 'base64')).digest('hex') === id) return
  throw new MirrorError(
    'BACKUP_CORRUPT',
    `Attachment ${id} in the backup does not match its id; nothing was restored.`,
  )
}

/** A damaged entry counts as new here; the vault's restore names it in the report. */
async function entryPresent(
  src: BackupSources,
  dek: Buffer | null,
  record: { id: string; iv: string; ciphertext: string; tag: string },
  vaultInitialized: boolean,
): Promise<boolean> {
  if (!dek || !vaultInitialized) return false
  let plain: unknown
  try {
    plain = decryptRecord(dek, record.id, {
      iv: Buffer.from(record.iv, 'base64'),
      ciphertext: Buffer.from(record.ciphertext, 'base64'),
      tag: Buffer.from(record.tag, 'base64'),
    })
  } catch {
    return false
  }
  const parsed = RecordPlaintextSchema.safeParse(plain)
  if (!parsed.success || parsed.data.kind !== 'entry') return false
  return (await src.vault.get(parsed.data.key)) !== null
}
