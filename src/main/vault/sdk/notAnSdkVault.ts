import { MirrorError } from '../../../shared/errors'
import { BACKUP_FORMAT } from '../backupFormat'

const RESTORE_HINT = "restore it with `amos vault restore FILE` (or the vault panel's restore)"

/** True when the text is an ActiveMirror vault backup (by its `format` field only). */
export function isActiveMirrorBackup(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false
  try {
    const json = JSON.parse(text) as { format?: unknown } | null
    return json?.format === BACKUP_FORMAT
  } catch {
    return false
  }
}

/** The error for an import-sdk folder that holds no SDK vault (naming a backup when it is one). */
export function notAnSdkVault(files: ReadonlyArray<{ name: string; data: Buffer }>): MirrorError {
  const backup = files.find((f) => isActiveMirrorBackup(f.data.toString('utf8')))
  if (backup) {
    return new MirrorError(
      'IMPORT_UNSUPPORTED_FORMAT',
      `${backup.name} is an ActiveMirror vault backup, not an ActiveMirrorOS SDK vault: ${RESTORE_HINT}.`,
      { format: 'activemirror-vault-backup' },
    )
  }
  return new MirrorError(
    'IMPORT_UNSUPPORTED_FORMAT',
    'This is not an ActiveMirrorOS SDK vault: an SDK vault folder holds .vault_index.enc and <key>.vault files.',
  )
}
