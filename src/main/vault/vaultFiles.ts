import { readFile } from 'node:fs/promises'
import { MirrorError } from '../../shared/errors'
import { isSdkVaultFileName } from '../../shared/sdkVaultNames'
import { notAnSdkVault } from './sdk/notAnSdkVault'
import { sdkVaultNotBackup } from './sdk/sdkVaultDetect'
import { isSdkVaultPath, readSdkVaultPath } from './sdk/sdkVaultFolder'
import type { SdkVaultFile } from './sdk/sdkVaultReader'

// The files a user names by path (the CLI's counterpart of the window's file picker), each
// recognised for what it is before any password is asked for. `shown` is the path as typed.

/** An SDK vault folder (or a file of one) to import; anything else is IMPORT_UNSUPPORTED_FORMAT. */
export async function readSdkVaultFolder(target: string, shown = target): Promise<SdkVaultFile[]> {
  const files = await readSdkVaultPath(target, shown)
  if (!files.some((f) => isSdkVaultFileName(f.name))) throw notAnSdkVault(files)
  return files
}

/** A backup file's text, to restore; an SDK vault folder or file is IMPORT_UNSUPPORTED_FORMAT. */
export async function readBackupFile(target: string, shown = target): Promise<string> {
  // JavaScript SDK files are random-looking bytes: recognised by their names, before reading.
  if (await isSdkVaultPath(target)) throw sdkVaultNotBackup(shown)
  try {
    return await readFile(target, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new MirrorError('NOT_FOUND', `Cannot read ${shown} (${code}).`)
  }
}
