import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MemoryPrivacySchema } from '../../shared/memory'
import type { MemoryPrivacy } from '../../shared/memory'
import { writeJsonAtomic } from '../fs/atomicWrite'
import { nodeStoreFs } from '../fs/storeFs'

export const MEMORY_SETTINGS_FILE = 'memory-settings.json'
export const DEFAULT_MEMORY_PRIVACY: MemoryPrivacy = { localOnly: true }
/** How old the copy in memory may be before the file is read again (another process's change). */
export const PRIVACY_REFRESH_MS = 1000

/**
 * "Send memories only to local models", in memory-settings.json beside the vault. A missing or
 * damaged file gives the default (on): when in doubt, memories stay on this machine. Turns read
 * the copy held in memory (`current`, no I/O on the way to the provider); it is read again from
 * the file at most every PRIVACY_REFRESH_MS, so a change by the CLI applies within a second.
 */
export class MemoryPrivacySettings {
  private cached: MemoryPrivacy = { ...DEFAULT_MEMORY_PRIVACY }
  private readAt = Number.NEGATIVE_INFINITY
  private reading: Promise<MemoryPrivacy> | null = null

  constructor(
    private readonly dir: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The settings as last read; starts a read in the background when that copy is stale. */
  current(): MemoryPrivacy {
    if (this.now() - this.readAt > PRIVACY_REFRESH_MS) void this.get()
    return this.cached
  }

  get(): Promise<MemoryPrivacy> {
    this.reading ??= this.read().finally(() => (this.reading = null))
    return this.reading
  }

  private async read(): Promise<MemoryPrivacy> {
    let settings: MemoryPrivacy = { ...DEFAULT_MEMORY_PRIVACY }
    try {
      const parsed = MemoryPrivacySchema.safeParse(
        JSON.parse(await readFile(join(this.dir, MEMORY_SETTINGS_FILE), 'utf8')),
      )
      if (parsed.success) settings = parsed.data
    } catch {
      // Missing or unreadable: the default applies.
    }
    this.cached = settings
    this.readAt = this.now()
    return settings
  }

  async set(patch: Partial<MemoryPrivacy>): Promise<MemoryPrivacy> {
    const next = MemoryPrivacySchema.parse({ ...(await this.get()), ...patch })
    await mkdir(this.dir, { recursive: true })
    await writeJsonAtomic(nodeStoreFs, this.dir, MEMORY_SETTINGS_FILE, next)
    this.cached = next
    this.readAt = this.now()
    return next
  }
}
