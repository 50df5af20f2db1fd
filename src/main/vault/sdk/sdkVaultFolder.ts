import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { MirrorError } from '../../../shared/errors'
import { isSdkVaultFileName } from '../../../shared/sdkVaultNames'
import type { SdkVaultFile } from './sdkVaultReader'

function unreadable(shown: string, error: unknown): MirrorError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error'
  return new MirrorError('NOT_FOUND', `Cannot read ${shown} (${code}).`)
}

/** The folder's SDK vault files, plus its JSON files so a backup put there can be named. */
async function readFolder(dir: string): Promise<SdkVaultFile[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && (isSdkVaultFileName(d.name) || d.name.endsWith('.json')))
    .map((d) => d.name)
  return Promise.all(
    names.map(async (name) => ({ name, data: await readFile(path.join(dir, name)) })),
  )
}

/**
 * What `amos vault import-sdk PATH` reads: the folder's files, or for a file inside an SDK
 * vault folder that whole folder; any other file is read alone (to be named for what it is).
 */
export async function readSdkVaultPath(target: string, shown = target): Promise<SdkVaultFile[]> {
  try {
    if ((await stat(target)).isDirectory()) return await readFolder(target)
    if (isSdkVaultFileName(path.basename(target))) return await readFolder(path.dirname(target))
    return [{ name: path.basename(target), data: await readFile(target) }]
  } catch (error) {
    throw unreadable(shown, error)
  }
}

/**
 * True when `target` is an SDK vault folder or a file of one, told by names only (JavaScript SDK
 * files are random-looking bytes): a folder holding `.vault_index.enc` or `<key>.vault` files,
 * or a file named like one.
 */
export async function isSdkVaultPath(target: string): Promise<boolean> {
  try {
    if ((await stat(target)).isDirectory()) {
      return (await readdir(target)).some((name) => isSdkVaultFileName(name))
    }
  } catch {
    return false
  }
  return isSdkVaultFileName(path.basename(target))
}
