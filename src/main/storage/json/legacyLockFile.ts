import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { processIsAlive } from './storeMaintenance'

/**
 * Versions of this app before the lock became a directory made `index.json.lock` a FILE holding
 * `{ pid, at }`. Such a file may be left over from a crash, or held right now by an older version
 * still running on the folder; these are that version's own rules for telling the two apart.
 */
const LegacyHolderSchema = z.object({ pid: z.number(), at: z.number() })

/** Older versions took over a lock file this old even when its process was still running. */
const LEGACY_STALE_MS = 30_000
/** They wrote the pid the moment they created the file, so one empty this long is a crash's. */
const LEGACY_UNREADABLE_MS = 1_000

export interface LegacyVerdict {
  abandoned: boolean
  /** The process named in the file, when it has one. */
  pid?: number
}

function parseHolder(text: string): z.infer<typeof LegacyHolderSchema> | null {
  try {
    const parsed = LegacyHolderSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export async function judgeLegacyLockFile(path: string, mtimeMs: number): Promise<LegacyVerdict> {
  const holder = parseHolder(await readFile(path, 'utf8').catch(() => ''))
  const now = Date.now()
  if (!holder) return { abandoned: now - mtimeMs > LEGACY_UNREADABLE_MS }
  const abandoned = now - holder.at > LEGACY_STALE_MS || !processIsAlive(holder.pid)
  return { abandoned, pid: holder.pid }
}
