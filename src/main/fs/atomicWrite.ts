import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { MirrorError } from '../../shared/errors'
import { errorCode } from './storeFs'
import type { StoreFs } from './storeFs'

/** Temp files start with a dot and end in `.tmp`, so they can never be mistaken for a session. */
export function tempFileName(fileName: string): string {
  return `.${fileName}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
}

export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/**
 * Replaces `dir/fileName` with `value` as JSON: write a temp file in the same folder, fsync it,
 * rename it over the target. Readers see either the old file or the new one, never a mix; if
 * anything fails the temp file is removed and the old file is untouched.
 */
export async function writeJsonAtomic(
  fs: StoreFs,
  dir: string,
  fileName: string,
  value: unknown,
): Promise<void> {
  const temp = join(dir, tempFileName(fileName))
  try {
    await fs.writeNewFileSynced(temp, serializeJson(value))
    await fs.rename(temp, join(dir, fileName))
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined)
    throw new MirrorError(
      'STORAGE_UNAVAILABLE',
      `Could not write ${fileName} (${errorCode(error) ?? 'write failed'}); the old file is unchanged.`,
      { file: fileName },
    )
  }
  await fs.syncDir(dir)
}
