import { readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'

/** Removes entries of `dir` not modified for `maxAgeMs` (temporary drag-out files). */
export async function removeOldEntries(dir: string, maxAgeMs: number): Promise<void> {
  const now = Date.now()
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name)
    const info = await stat(full).catch(() => null)
    if (info && now - info.mtimeMs > maxAgeMs) await rm(full, { recursive: true, force: true })
  }
}
