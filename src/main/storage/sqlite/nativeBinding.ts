import fs from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3 is not N-API: under Electron it needs a binary built for Electron's ABI.
 * `npm run rebuild:electron` writes one to native/electron/; this returns it when running
 * inside Electron and it exists, and undefined under plain Node (which uses the default build).
 */
export function electronNativeBinding(
  appRoot: string,
  versions: NodeJS.ProcessVersions = process.versions,
): string | undefined {
  if (!versions.electron) return undefined
  const candidate = path.join(appRoot, 'native', 'electron', 'better_sqlite3.node')
  return fs.existsSync(candidate) ? candidate : undefined
}
