import { rename, rm, writeFile } from 'node:fs/promises'
import { MirrorError } from '../shared/errors'

/** Writes beside the target, then renames: an interrupted write never leaves half a file. */
export async function writeFileAtomic(file: string, content: string, mode = 0o644): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`
  try {
    await writeFile(temp, content, { encoding: 'utf8', mode, flag: 'wx' })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new MirrorError('EXPORT_FAILED', `Cannot write ${file} (${code}).`)
  }
}
