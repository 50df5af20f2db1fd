import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { MemoryPrivacySchema } from '../../shared/memory'
import type { MemoryPrivacy } from '../../shared/memory'
import { writeJsonAtomic } from '../fs/atomicWrite'
import { nodeStoreFs } from '../fs/storeFs'

export const MEMORY_SETTINGS_FILE = 'memory-settings.json'
export const DEFAULT_MEMORY_PRIVACY: MemoryPrivacy = { localOnly: true }

/**
 * "Send memories only to local models", beside the vault. Read on every use, so a change made
 * by the CLI applies to the app's next turn. A missing or damaged file gives the default (on):
 * when in doubt, memories stay on this machine.
 */
export class MemoryPrivacySettings {
  constructor(private readonly dir: string) {}

  async get(): Promise<MemoryPrivacy> {
    try {
      const parsed = MemoryPrivacySchema.safeParse(
        JSON.parse(await readFile(join(this.dir, MEMORY_SETTINGS_FILE), 'utf8')),
      )
      if (parsed.success) return parsed.data
    } catch {
      // Missing or unreadable: the default applies.
    }
    return { ...DEFAULT_MEMORY_PRIVACY }
  }

  async set(patch: Partial<MemoryPrivacy>): Promise<MemoryPrivacy> {
    const next = MemoryPrivacySchema.parse({ ...(await this.get()), ...patch })
    await mkdir(this.dir, { recursive: true })
    await writeJsonAtomic(nodeStoreFs, this.dir, MEMORY_SETTINGS_FILE, next)
    return next
  }
}
