import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiKeys, keyAccount } from '../../../src/main/llm/apiKeys'
import { createKeytarStore } from '../../../src/main/keychain/keytarStore'
import type { SecretStore } from '../../../src/main/keychain/secretStore'
import { MirrorError } from '../../../src/shared/errors'

// Real Secret Service (gnome-keyring) started by scripts/with-keyring.sh; a fresh service per run.
const service = `ActiveMirror-test-${randomUUID()}`
const secrets = createKeytarStore(service)
const keys = new ApiKeys(secrets)
const used = new Set<string>()

afterEach(async () => {
  for (const id of used) await secrets.delete(keyAccount(id)).catch(() => false)
  used.clear()
})

function id(): string {
  const value = `p-${randomUUID().slice(0, 8)}`
  used.add(value)
  return value
}

describe('ApiKeys in the OS keychain', () => {
  it('stores a key under account provider:<id>, reports has(), and deletes it', async () => {
    const providerId = id()
    expect(await keys.has(providerId)).toBe(false)
    await keys.set(providerId, '  sk-live-abc123def456  ')
    expect(await keys.has(providerId)).toBe(true)
    expect(await keys.get(providerId)).toBe('sk-live-abc123def456')
    // Stored where the rest of the app (and the CLI) will look for it.
    expect(await secrets.get(`provider:${providerId}`)).toBe('sk-live-abc123def456')
    expect(await keys.delete(providerId)).toBe(true)
    expect(await keys.has(providerId)).toBe(false)
  })

  it('replaces a key and keeps providers apart', async () => {
    const a = id()
    const b = id()
    await keys.set(a, 'sk-first-aaaaaaaa')
    await keys.set(b, 'sk-other-bbbbbbbb')
    await keys.set(a, 'sk-second-cccccccc')
    expect(await keys.get(a)).toBe('sk-second-cccccccc')
    expect(await keys.get(b)).toBe('sk-other-bbbbbbbb')
  })

  it.each(['', '   ', 'sk-two words', 'sk-line\nbreak'])(
    'refuses a malformed key %j',
    async (bad) => {
      const providerId = id()
      const error = await keys.set(providerId, bad).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MirrorError)
      expect((error as MirrorError).code).toBe('VALIDATION_FAILED')
      expect(await keys.has(providerId)).toBe(false)
    },
  )

  it('refuses to store anything when the keychain is unavailable, without echoing the key', async () => {
    const writes: string[] = []
    const noKeychain: SecretStore = {
      service: 'none',
      available: async () => false,
      get: async () => null,
      set: async (account) => {
        writes.push(account)
      },
      delete: async () => false,
    }
    const error = await new ApiKeys(noKeychain)
      .set('openai', 'sk-never-stored-123456')
      .catch((e: unknown) => e)
    expect((error as MirrorError).code).toBe('KEYCHAIN_UNAVAILABLE')
    expect((error as MirrorError).message).toMatch(/never written to a plain file/)
    expect(JSON.stringify((error as MirrorError).toInfo())).not.toContain('sk-never-stored')
    expect(writes).toEqual([])
  })

  it('reads a key from the keychain once per TTL; changes through it apply at once', async () => {
    const providerId = id()
    let now = 1_000
    const reads: string[] = []
    const counting: SecretStore = {
      ...secrets,
      get: (account) => {
        reads.push(account)
        return secrets.get(account)
      },
    }
    const cached = new ApiKeys(counting, 30_000, () => now)
    await cached.set(providerId, 'sk-first-111')
    expect(await cached.get(providerId)).toBe('sk-first-111')
    expect(await cached.get(providerId)).toBe('sk-first-111')
    expect(reads).toHaveLength(1)

    await cached.set(providerId, 'sk-second-222')
    expect(await cached.get(providerId)).toBe('sk-second-222')

    // Another process changes the key in the keychain: seen once the TTL has passed.
    await secrets.set(keyAccount(providerId), 'sk-third-333')
    expect(await cached.get(providerId)).toBe('sk-second-222')
    now += 30_001
    expect(await cached.get(providerId)).toBe('sk-third-333')

    await cached.delete(providerId)
    expect(await cached.get(providerId)).toBeNull()
  })
})
