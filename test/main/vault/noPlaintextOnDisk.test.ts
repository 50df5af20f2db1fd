import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { vaultFixture } from './helpers/vaultFixture'
import type { VaultFixture } from './helpers/vaultFixture'

const SECRETS = {
  password: 'Zebra-Password-Qx7!cornflower',
  newPassword: 'Second-Zebra-Password-Kv9?',
  key: 'ssn-of-Quentin-Marlowe',
  value: 'my-secret-value-PLUM-OCTOPUS-4417',
  jsonValue: 'json-nested-TANGERINE-WALRUS',
  tag: 'tag-HELIOTROPE-MOTH',
  metadata: 'meta-ULTRAMARINE-BADGER',
  message: 'sensitive-message-VERMILION-HERON about my therapy',
  deleted: 'deleted-entry-OCHRE-LYNX',
  oldValue: 'overwritten-SAFFRON-OTTER',
}

let fx: VaultFixture
afterEach(async () => fx?.cleanup())

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? allFiles(p) : [p]
  })
}

function leaks(dir: string, needles: Record<string, Buffer>): string[] {
  const found: string[] = []
  for (const file of allFiles(dir)) {
    const bytes = fs.readFileSync(file)
    for (const [name, needle] of Object.entries(needles)) {
      if (bytes.includes(needle)) found.push(`${name} in ${path.basename(file)}`)
    }
  }
  return found
}

describe('nothing readable on disk', () => {
  it('no secret appears in any file of the data dir (WAL and SHM included), in UTF-8 or UTF-16', async () => {
    fx = vaultFixture()
    const { vault } = fx
    await vault.init(SECRETS.password)
    await vault.set(SECRETS.key, SECRETS.oldValue, {
      category: 'private',
      tags: [SECRETS.tag],
      metadata: { note: SECRETS.metadata },
    })
    await vault.set(SECRETS.key, SECRETS.value)
    await vault.set('structured', { deep: [SECRETS.jsonValue] }, { category: 'knowledge' })
    await vault.set(SECRETS.deleted, SECRETS.deleted)
    await vault.delete(SECRETS.deleted)
    await vault.putMessage({ sessionId: 'session_1', messageId: 'msg_1', content: SECRETS.message })
    expect(await vault.search('PLUM')).toHaveLength(1)
    await vault.changePassword(SECRETS.password, SECRETS.newPassword)
    const dek = Buffer.from((vault as unknown as { dek: Buffer }).dek)

    const needles: Record<string, Buffer> = { dek, dekBase64: Buffer.from(dek.toString('base64')) }
    for (const [name, text] of Object.entries(SECRETS)) {
      needles[`${name}/utf8`] = Buffer.from(text, 'utf8')
      needles[`${name}/utf16le`] = Buffer.from(text, 'utf16le')
      needles[`${name}/utf16be`] = Buffer.from(text, 'utf16le').swap16()
    }

    // While open: the WAL holds the latest pages.
    const names = fs.readdirSync(fx.dir)
    expect(names).toContain('vault.db-wal')
    expect(fs.statSync(path.join(fx.dir, 'vault.db-wal')).size).toBeGreaterThan(0)
    expect(leaks(fx.dir, needles)).toEqual([])

    // The scan would see plaintext if it were there: the same needles are found in a plain file.
    fs.writeFileSync(path.join(fx.dir, 'canary.txt'), Buffer.from(SECRETS.value, 'utf16le'))
    expect(leaks(fx.dir, needles)).toEqual(['value/utf16le in canary.txt'])
    fs.rmSync(path.join(fx.dir, 'canary.txt'))

    // After closing (checkpoint into vault.db).
    await vault.close()
    expect(leaks(fx.dir, needles)).toEqual([])
    dek.fill(0)
  })
})
