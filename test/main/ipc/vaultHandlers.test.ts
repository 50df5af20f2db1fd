import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/ipc/handlers'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'
import { createRouter } from '../../../src/main/ipc/router'
import { VAULT_SETTINGS_FILE } from '../../../src/main/vault/vaultSettings'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import { recordRows, updateRecord, vaultFile } from '../vault/helpers/damage'
import { mirrorFixture, VAULT_PASSWORD } from '../vault/helpers/mirrorFixture'
import type { MirrorFixture } from '../vault/helpers/mirrorFixture'
import { checkedRouter } from '../helpers/checkedRouter'

/** The vault.* routes through the router, outputs validated, over a real mirror and keychain. */
describe('vault routes', () => {
  let fx: MirrorFixture
  let router: Router<null>
  const ctx: RequestContext = { emit: () => {} }

  async function call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
    const result = await router.dispatch(null, route, input, ctx)
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return routes[route].output.parse(result.data) as RouteOutput<K>
  }

  async function fail(route: RouteName, input: unknown) {
    const result = await router.dispatch(null, route, input, ctx)
    if (result.ok) throw new Error(`${route} succeeded`)
    return result.error
  }

  beforeEach(async () => {
    fx = await mirrorFixture()
    router = checkedRouter(fx.mirror)
  })
  afterEach(async () => fx.cleanup())

  it('runs setup, entries, search, stats, lock and unlock', async () => {
    expect(await call('vault.status', {})).toMatchObject({ initialized: false, unlocked: false })
    expect((await fail('vault.init', { password: 'short' })).code).toBe('VALIDATION_FAILED')
    expect(await call('vault.init', { password: VAULT_PASSWORD })).toMatchObject({
      initialized: true,
      unlocked: true,
      autoLockMinutes: 15,
    })
    await call('vault.setEntry', {
      key: 'goal',
      value: 'Learn the cello',
      category: 'goals',
      tags: ['music'],
      useInConversations: true,
    })
    await call('vault.setEntry', { key: 'facts', value: { blood: 'O+' }, category: 'private' })
    expect((await call('vault.getEntry', { key: 'goal' })).tags).toEqual(['music'])
    expect((await fail('vault.getEntry', { key: 'nope' })).code).toBe('NOT_FOUND')
    expect((await call('vault.listEntries', { category: 'goals' })).map((e) => e.key)).toEqual([
      'goal',
    ])
    expect((await call('vault.searchEntries', { query: 'cello' })).map((e) => e.key)).toEqual([
      'goal',
    ])
    expect(await call('vault.stats', {})).toMatchObject({ total: 2, messages: 0 })
    expect(await call('vault.deleteEntry', { key: 'facts' })).toEqual({ deleted: true })
    expect(await call('vault.deleteEntry', { key: 'facts' })).toEqual({ deleted: false })

    expect((await call('vault.lock', {})).unlocked).toBe(false)
    expect(await call('vault.touch', {})).toEqual({ unlocked: false })
    expect((await fail('vault.listEntries', {})).code).toBe('VAULT_LOCKED')
    const wrong = await fail('vault.unlock', { password: 'not the password' })
    expect(wrong.code).toBe('VAULT_BAD_PASSWORD')
    expect((await call('vault.unlock', { password: VAULT_PASSWORD })).unlocked).toBe(true)
    expect((await call('vault.listEntries', {})).map((e) => e.key)).toEqual(['goal'])
  })

  it('remembers on this device, unlocks with the keychain, forgets', async () => {
    await call('vault.init', { password: VAULT_PASSWORD })
    expect((await call('vault.remember', { on: true })).remembered).toBe(true)
    await call('vault.lock', {})
    expect((await call('vault.unlockWithKeychain', {})).unlocked).toBe(true)
    expect((await call('vault.remember', { on: false })).remembered).toBe(false)
    await call('vault.lock', {})
    expect((await fail('vault.unlockWithKeychain', {})).code).toBe('VAULT_LOCKED')
  })

  it('changes the password and saves the auto-lock setting across restarts', async () => {
    await call('vault.init', { password: VAULT_PASSWORD })
    const changed = await fail('vault.changePassword', {
      oldPassword: 'wrong password',
      newPassword: 'a brand new passphrase',
    })
    expect(changed.code).toBe('VAULT_BAD_PASSWORD')
    await call('vault.changePassword', {
      oldPassword: VAULT_PASSWORD,
      newPassword: 'a brand new passphrase',
    })
    expect((await call('vault.setAutoLock', { minutes: 5 })).autoLockMinutes).toBe(5)
    expect((await fail('vault.setAutoLock', { minutes: 0 })).code).toBe('VALIDATION_FAILED')
    const saved = JSON.parse(fs.readFileSync(path.join(fx.dir, VAULT_SETTINGS_FILE), 'utf8'))
    expect(saved).toEqual({ autoLockMinutes: 5 })

    const reopened = await fx.reopen()
    expect((await reopened.vault.status()).autoLockMinutes).toBe(5)
    await expect(reopened.vault.unlock(VAULT_PASSWORD)).rejects.toMatchObject({
      code: 'VAULT_BAD_PASSWORD',
    })
    expect((await reopened.vault.unlock('a brand new passphrase')).unlocked).toBe(true)
  })

  it('backs up to a file and restores it into a new vault elsewhere, or merges', async () => {
    await call('vault.init', { password: VAULT_PASSWORD })
    // A value no base64 run can contain by chance (a short one like 'v1' sometimes is).
    await call('vault.setEntry', { key: 'k1', value: 'value WOMBAT' })
    const backup = await call('vault.backup', {})
    expect(backup.fileName).toMatch(/^activemirror-vault-\d{4}-\d{2}-\d{2}\.json$/)
    expect(backup.content).not.toContain('WOMBAT')

    const other = await mirrorFixture()
    try {
      const otherRouter = createRouter({
        handlers: createHandlers(other.mirror, { host: 'browser', version: '1.0.0' }),
        isTrustedSender: () => true,
        validateOutput: true,
      })
      const bad = await otherRouter.dispatch(
        null,
        'vault.restore',
        { content: backup.content, password: 'wrong password!', mode: 'new' },
        ctx,
      )
      expect(bad).toMatchObject({ ok: false, error: { code: 'VAULT_BAD_PASSWORD' } })
      expect((await other.mirror.vault.status()).initialized).toBe(false)
      const restored = await otherRouter.dispatch(
        null,
        'vault.restore',
        { content: backup.content, password: VAULT_PASSWORD, mode: 'new' },
        ctx,
      )
      expect(restored).toMatchObject({ ok: true, data: { mode: 'new', added: 1 } })
      expect((await other.mirror.vault.get('k1'))?.value).toBe('value WOMBAT')
    } finally {
      await other.cleanup()
    }

    await call('vault.setEntry', { key: 'k2', value: 'v2' })
    await call('vault.deleteEntry', { key: 'k1' })
    const merged = await call('vault.restore', {
      content: backup.content,
      password: VAULT_PASSWORD,
      mode: 'merge',
    })
    expect(merged).toMatchObject({ mode: 'merge', added: 1 })
    expect((await call('vault.listEntries', {})).map((e) => e.key).sort()).toEqual(['k1', 'k2'])
  })

  it('restores a backup sent in chunks (vault.restoreUpload), and only a whole upload, once', async () => {
    await call('vault.init', { password: VAULT_PASSWORD })
    await call('vault.setEntry', { key: 'k1', value: 'value WOMBAT' })
    await call('vault.setEntry', { key: 'k2', value: { long: 'x'.repeat(3000) } })
    const backup = await call('vault.backup', {})
    const bytes = Buffer.from(backup.content, 'utf8')
    await call('vault.lock', {})
    await call('vault.unlock', { password: VAULT_PASSWORD })
    await call('vault.deleteEntry', { key: 'k1' })

    const upload = async (sendAll: boolean) => {
      const { uploadId } = await call('import.begin', { name: backup.fileName, size: bytes.length })
      const half = sendAll ? bytes.length : bytes.length >> 1
      await call('import.chunk', {
        uploadId,
        index: 0,
        data: bytes.subarray(0, half).toString('base64'),
      })
      return uploadId
    }
    const partial = await upload(false)
    const early = await fail('vault.restoreUpload', {
      uploadId: partial,
      password: VAULT_PASSWORD,
      mode: 'merge',
    })
    expect(early.code).toBe('VALIDATION_FAILED')

    const whole = await upload(true)
    const merged = await call('vault.restoreUpload', {
      uploadId: whole,
      password: VAULT_PASSWORD,
      mode: 'merge',
    })
    expect(merged).toMatchObject({ mode: 'merge', added: 1, damaged: [] })
    expect((await call('vault.getEntry', { key: 'k1' })).value).toBe('value WOMBAT')
    // The upload ended with the restore: neither it nor its file is left.
    const again = await fail('vault.restoreUpload', {
      uploadId: whole,
      password: VAULT_PASSWORD,
      mode: 'merge',
    })
    expect(again.code).toBe('NOT_FOUND')
    const parts = fs.readdirSync(fx.dir, { recursive: true }).map(String)
    expect(parts.filter((p) => p.endsWith('.part')).map((p) => path.basename(p))).toEqual([
      `${partial}.part`,
    ])
  })

  it('sessions.export takes includeSensitive', async () => {
    const session = await call('sessions.create', { title: 'Export' })
    const file = await call('sessions.export', {
      id: session.id,
      format: 'json',
      includeSensitive: false,
    })
    expect(file.sensitiveMessages).toBe(0)
  })

  it('vault.check lists a damaged record while the entries around it still list', async () => {
    await call('vault.init', { password: VAULT_PASSWORD })
    await call('vault.setEntry', { key: 'kept', value: 'fine' })
    await call('vault.setEntry', { key: 'hit', value: 'soon damaged' })
    expect(await call('vault.check', {})).toEqual([])
    const file = vaultFile(fx.dir)
    const damaged = recordRows(file)[1]!
    updateRecord(file, damaged.id, { ciphertext: damaged.ciphertext.subarray(1) })
    expect(await call('vault.check', {})).toEqual([
      { id: damaged.id, kind: 'entry', reason: 'integrity' },
    ])
    expect((await call('vault.listEntries', {})).map((e) => e.key)).toEqual(['kept'])
    await call('vault.lock', {})
    expect((await fail('vault.check', {})).code).toBe('VAULT_LOCKED')
  })
})
