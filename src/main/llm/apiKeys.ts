import { MirrorError } from '../../shared/errors'
import type { SecretStore } from '../keychain/keychain'

export function keyAccount(providerId: string): string {
  return `provider:${providerId}`
}

/**
 * Provider API keys in the OS keychain (account `provider:<id>`). Nothing here ever writes a key
 * anywhere else: with no keychain the store refuses (KEYCHAIN_UNAVAILABLE). The renderer only
 * ever gets `has`, never `get`.
 */
export class ApiKeys {
  constructor(private readonly secrets: SecretStore) {}

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
    await this.secrets.set(keyAccount(providerId), trimmed)
  }

  /** The key itself, for the main process to send to the provider and nowhere else. */
  get(providerId: string): Promise<string | null> {
    return this.secrets.get(keyAccount(providerId))
  }

  async has(providerId: string): Promise<boolean> {
    try {
      return (await this.secrets.get(keyAccount(providerId))) !== null
    } catch {
      return false
    }
  }

  delete(providerId: string): Promise<boolean> {
    return this.secrets.delete(keyAccount(providerId))
  }
}
