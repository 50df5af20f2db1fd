import { randomUUID } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createKeytarStore } from '../../../src/main/keychain/keytarStore'

// Runs against the real Secret Service that `npm test` starts (scripts/with-keyring.sh).
describe('keytar secret store (real keychain)', () => {
  const store = createKeytarStore(`ActiveMirror-test-${randomUUID()}`)

  it('stores, reads back and deletes a secret', async () => {
    expect(await store.available()).toBe(true)
    await store.set('provider:openai', 'sk-test-123')
    expect(await store.get('provider:openai')).toBe('sk-test-123')
    expect(await store.delete('provider:openai')).toBe(true)
    expect(await store.get('provider:openai')).toBeNull()
  })

  it('keeps accounts and services apart', async () => {
    const other = createKeytarStore(`ActiveMirror-test-${randomUUID()}`)
    await store.set('a', 'one')
    await other.set('a', 'two')
    expect(await store.get('a')).toBe('one')
    expect(await other.get('a')).toBe('two')
    await store.delete('a')
    await other.delete('a')
  })

  it('reports KEYCHAIN_UNAVAILABLE, without the secret, when no Secret Service answers', () => {
    // A child process with no D-Bus session: keytar cannot reach any keychain.
    const script = `
      import { createKeytarStore } from './src/main/keychain/keytarStore.ts'
      const s = createKeytarStore('ActiveMirror-test-nobus')
      console.log(JSON.stringify({ available: await s.available() }))
      try { await s.set('acct', 'TOP-SECRET-VALUE') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }
    `
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      },
    )
    const lines = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toEqual({ available: false })
    expect(lines[1]?.code).toBe('KEYCHAIN_UNAVAILABLE')
    expect(JSON.stringify(lines[1])).not.toContain('TOP-SECRET-VALUE')
  })
})
