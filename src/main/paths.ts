import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { StorageBackendKind, StorageKind } from './storage/storage'

export const APP_DIR_NAME = 'ActiveMirror'
/** The SQLite database file inside the data dir. */
export const SQLITE_FILE_NAME = 'activemirror.db'
/** With JSON storage the data dir is the SDK store; the app's own files live here instead. */
export const JSON_APP_SUBDIR = '.activemirror'

export interface PlatformInfo {
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
  homedir: string
}

/**
 * The desktop app's userData directory for the OS (what Electron's `app.getPath('userData')`
 * gives for productName ActiveMirror), so the CLI and the app share one data dir by default.
 * Pure: callers pass `process.platform`, `process.env` and `os.homedir()`.
 */
export function defaultDataDir({ platform, env, homedir }: PlatformInfo): string {
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(homedir, 'AppData', 'Roaming')
    return path.win32.join(appData, APP_DIR_NAME)
  }
  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', APP_DIR_NAME)
  }
  // XDG says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME)
  const configHome = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.config')
  return path.posix.join(configHome, APP_DIR_NAME)
}

/**
 * The data dir a process uses: `flag` (e.g. `--data-dir`), else AMOS_DATA_DIR, else the OS
 * default; relative paths are taken from `cwd`. One rule for the app, `amos` and `npm run serve`.
 */
export function resolveDataDir(
  flag: string | undefined,
  io: { env: Record<string, string | undefined>; cwd: string },
): string {
  const { env } = io
  const dataDir =
    flag ??
    nonEmpty(env.AMOS_DATA_DIR) ??
    defaultDataDir({ platform: process.platform, env, homedir: os.homedir() })
  return path.resolve(io.cwd, dataDir)
}

/** Where files other than sessions (settings, vault, continuity log) go for a data dir. */
export function appFilesDir(dataDir: string, storage: StorageBackendKind): string {
  return storage === 'json' ? path.join(dataDir, JSON_APP_SUBDIR) : dataDir
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.length > 0 ? value : undefined
}

/**
 * SQLite unless the folder already is a JSON store (an SDK `index.json` and no database), so
 * pointing any host at an ActiveMirrorOS SDK folder opens it rather than hiding it.
 */
export function detectStorageKind(dataDir: string): StorageKind {
  const isSdkFolder =
    existsSync(path.join(dataDir, 'index.json')) &&
    !existsSync(path.join(dataDir, SQLITE_FILE_NAME))
  return isSdkFolder ? 'json' : 'sqlite'
}
