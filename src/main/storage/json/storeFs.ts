import { promises as fsp } from 'node:fs'

/**
 * The file operations the JSON store uses. A seam so tests can inject a failing rename or a
 * write that dies halfway, and check that the old file survives.
 */
export interface StoreFs {
  readFile(path: string): Promise<string>
  /** Creates `path` (which must not exist), writes `data` and fsyncs it before resolving. */
  writeNewFileSynced(path: string, data: string): Promise<void>
  rename(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  exists(path: string): Promise<boolean>
  mkdirp(path: string): Promise<void>
  /** Best effort: makes a rename durable; some platforms cannot fsync a directory. */
  syncDir(path: string): Promise<void>
}

export const nodeStoreFs: StoreFs = {
  readFile: (path) => fsp.readFile(path, 'utf8'),
  async writeNewFileSynced(path, data) {
    const handle = await fsp.open(path, 'wx', 0o644)
    try {
      await handle.writeFile(data, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  async exists(path) {
    try {
      await fsp.lstat(path)
      return true
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return false
      throw error
    }
  },
  async mkdirp(path) {
    await fsp.mkdir(path, { recursive: true })
  },
  async syncDir(path) {
    try {
      const handle = await fsp.open(path, 'r')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
    } catch {
      // Windows and some file systems refuse fsync on a directory; the rename itself is atomic.
    }
  },
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code
    return typeof code === 'string' ? code : undefined
  }
  return undefined
}
