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

let processBinding: string | undefined

/**
 * Called once by the Electron entry before anything opens a database: the ABI is a property of
 * the process, so every SQLite file it opens (sessions, vault, continuity) uses this binary.
 */
export function useNativeBinding(file: string | undefined): void {
  processBinding = file
}

/** The binary to hand to better-sqlite3: an explicit one, else the process-wide one, else Node's. */
export function resolveNativeBinding(explicit?: string): string | undefined {
  return explicit ?? processBinding
}

/** better-sqlite3's `nativeBinding` option, present only when a binary is chosen. */
export function nativeBindingOption(explicit?: string): { nativeBinding?: string } {
  const binding = resolveNativeBinding(explicit)
  return binding ? { nativeBinding: binding } : {}
}
