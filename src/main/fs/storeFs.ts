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
  /** What identifies this version of a file, or null when there is none. */
  stamp(path: string): Promise<FileStamp | null>
  /** Names in a folder; [] when it does not exist. */
  list(path: string): Promise<string[]>
}

/**
 * Identity and last change of a file: an atomic rename gives a new inode, an in-place rewrite
 * (as the SDK does) a new size or change time. Equal stamps mean the file was not rewritten.
 */
export interface FileStamp {
  key: string
  /** Last modification, in ms since the epoch. */
  mtimeMs: number
  size: number
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
  async stamp(path) {
    try {
      const st = await fsp.stat(path, { bigint: true })
      return {
        key: `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`,
        mtimeMs: Number(st.mtimeMs),
        size: Number(st.size),
      }
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null
      throw error
    }
  },
  async list(path) {
    try {
      return await fsp.readdir(path)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return []
      throw error
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
