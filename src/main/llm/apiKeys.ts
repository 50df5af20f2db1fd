import { MirrorError } from '../../shared/errors'
import type { SecretStore } from '../keychain/secretStore'

export function keyAccount(providerId: string): string {
  return `provider:${providerId}`
}

/**
 * Provider API keys in the OS keychain (account `provider:<id>`). Nothing here ever writes a key
 * anywhere else: with no keychain the store refuses (KEYCHAIN_UNAVAILABLE). The renderer only
 * ever gets `has`, never `get`.
 */
export class ApiKeys {
  /**
   * Keys read recently, kept only in this process's memory: a keychain round trip costs about
   * 2 ms on every turn otherwise. Short-lived so a key changed by another process (the CLI) is
   * picked up within the TTL; changes made through this instance apply at once.
   */
  private readonly recent = new Map<string, { key: string | null; until: number }>()

  constructor(
    private readonly secrets: SecretStore,
    private readonly cacheMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async set(providerId: string, key: string): Promise<void> {
    const trimmed = key.trim()
    if (trimmed === '') {
      throw new MirrorError('VALIDATION_FAILED', 'The API key is empty; nothing was stored.')
    }
    if (/\s/.test(trimmed) || [...trimmed].some((c) => c.charCodeAt(0) < 0x20)) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        'The API key contains spaces or line breaks; paste just the key. Nothing was stored.',
      )
    }
    if (!(await this.secrets.available())) {
      throw new MirrorError(
        'KEYCHAIN_UNAVAILABLE',
        'The OS keychain is not available (no Secret Service running?), so the API key was not stored. ' +
          'Keys are never written to a plain file instead.',
      )
    }
    this.recent.delete(providerId)
    await this.secrets.set(keyAccount(providerId), trimmed)
  }

  /** The key itself, for the main process to send to the provider and nowhere else. */
  async get(providerId: string): Promise<string | null> {
    const cached = this.recent.get(providerId)
    if (cached && cached.until > this.now()) return cached.key
    const key = await this.secrets.get(keyAccount(providerId))
    this.recent.set(providerId, { key, until: this.now() + this.cacheMs })
    return key
  }

  async has(providerId: string): Promise<boolean> {
    try {
      return (await this.secrets.get(keyAccount(providerId))) !== null
    } catch {
      return false
    }
  }

  delete(providerId: string): Promise<boolean> {
    this.recent.delete(providerId)
    return this.secrets.delete(keyAccount(providerId))
  }
}
