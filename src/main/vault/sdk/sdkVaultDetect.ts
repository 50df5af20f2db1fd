import { MirrorError } from '../../../shared/errors'
import { looksLikeFernet } from './sdkCiphers'

const IMPORT_HINT =
  'import its folder with `amos vault import-sdk FOLDER` (or "Import SDK vault" in the vault panel)'

/** The error for an SDK vault file or folder given where an ActiveMirror backup belongs. */
export function sdkVaultNotBackup(what = 'This'): MirrorError {
  return new MirrorError(
    'IMPORT_UNSUPPORTED_FORMAT',
    `${what} is an ActiveMirrorOS SDK vault, not an ActiveMirror vault backup: ${IMPORT_HINT}.`,
    { format: 'activemirroros-sdk-vault' },
  )
}

/**
 * For a restore whose text is not JSON: a Python SDK vault file is recognisable by content (a
 * Fernet token). JavaScript SDK files are random-looking bytes, told apart by name only.
 */
export function sdkVaultTextError(text: string): MirrorError | null {
  return looksLikeFernet(Buffer.from(text.slice(0, 64 * 1024), 'latin1'))
    ? sdkVaultNotBackup('This file')
    : null
}
