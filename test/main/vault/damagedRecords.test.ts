import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { expectCode, vaultFixture } from './helpers/vaultFixture'
import type { VaultFixture } from './helpers/vaultFixture'
import {
  damages,
  editVault,
  insertUnknownKindRow,
  recordRows,
  updateRecord,
} from './helpers/damage'

const PASSWORD = 'damage password'
let fx: VaultFixture
afterEach(async () => fx?.cleanup())

/** A vault with entries a, b and c; returns the file and the rows in write order. */
async function threeEntries() {
  fx = vaultFixture()
  await fx.vault.init(PASSWORD)
  for (const key of ['a', 'b', 'c']) await fx.vault.set(key, `value of ${key}`)
  const file = path.join(fx.dir, 'vault.db')
  const [a, b, c] = recordRows(file)
  return { file, a: a!, b: b!, c: c! }
}

describe('a damaged vault record stays local', () => {
  it.each(damages(PASSWORD))(
    '$name: unlock, list, read and write still work; check names it ($reason)',
    async ({ reason, damage }) => {
      const { file, a, b } = await threeEntries()
      await damage(file, b, a)
      const damagedRow = recordRows(file).find((r) => r.id === b.id)

      const vault = fx.reopen()
      await vault.unlock(PASSWORD)
      expect((await vault.list()).map((e) => e.key)).toEqual(['a', 'c'])
      expect((await vault.get('a'))?.value).toBe('value of a')
      expect(await vault.get('b')).toBeNull()
      expect((await vault.search('value')).map((e) => e.key).sort()).toEqual(['a', 'c'])
      expect((await vault.stats()).total).toBe(2)
      await vault.set('d', 'written after the damage')
      expect((await vault.get('d'))?.value).toBe('written after the damage')
      expect(await vault.check()).toEqual([{ id: b.id, kind: 'entry', reason }])
      // The damaged bytes are left exactly as they were.
      expect(recordRows(file).find((r) => r.id === b.id)).toEqual(damagedRow)
    },
  )

  it('a row of an unknown kind is reported as a broken row and hides nothing', async () => {
    const { file } = await threeEntries()
    insertUnknownKindRow(file, 'entry:intruder')
    const vault = fx.reopen()
    await vault.unlock(PASSWORD)
    expect((await vault.list()).map((e) => e.key)).toEqual(['a', 'b', 'c'])
    expect(await vault.check()).toEqual([
      { id: 'entry:intruder', kind: 'note', reason: 'brokenRow' },
    ])
  })

  it('an undamaged vault checks clean, and check needs the vault unlocked', async () => {
    await threeEntries()
    expect(await fx.vault.check()).toEqual([])
    fx.vault.lock()
    await expectCode(fx.vault.check(), 'VAULT_LOCKED')
  })

  it('a wrong password is still VAULT_BAD_PASSWORD with damaged records', async () => {
    const { file, a, b } = await threeEntries()
    updateRecord(file, b.id, { tag: a.tag })
    const vault = fx.reopen()
    await expectCode(vault.unlock('not the password'), 'VAULT_BAD_PASSWORD')
    await vault.unlock(PASSWORD)
    expect((await vault.list()).map((e) => e.key)).toEqual(['a', 'c'])
  })

  it.each([
    ['wrap_ciphertext', 'truncated wrapped key'],
    ['wrap_tag', 'truncated wrapped key tag'],
    ['kdf_salt', 'truncated salt'],
  ])('a damaged key section (%s: %s) is VAULT_CORRUPT, not a wrong password', async (column) => {
    const { file } = await threeEntries()
    editVault(file, (db) =>
      db.prepare(`UPDATE vault_meta SET ${column} = substr(${column}, 1, 5)`).run(),
    )
    await expectCode(fx.reopen().unlock(PASSWORD), 'VAULT_CORRUPT')
  })
})

describe('quarantine', () => {
  it('moves damaged records aside, byte for byte, so they stop being reported', async () => {
    const { file, a, b, c } = await threeEntries()
    updateRecord(file, b.id, { tag: a.tag })
    updateRecord(file, c.id, { iv: c.iv.subarray(0, 4) })
    const vault = fx.reopen()
    await vault.unlock(PASSWORD)
    const damaged = recordRows(file).filter((r) => r.id !== a.id)

    const report = await vault.quarantineDamaged()
    expect(report.quarantined).toBe(2)
    expect(report.records).toEqual([
      { id: b.id, kind: 'entry', reason: 'integrity' },
      { id: c.id, kind: 'entry', reason: 'brokenRow' },
    ])
    expect(await vault.check()).toEqual([])
    expect(recordRows(file).map((r) => r.id)).toEqual([a.id])
    const kept = editVault(file, (db) =>
      db
        .prepare('SELECT id, kind, iv, ciphertext, tag, reason FROM vault_quarantine ORDER BY seq')
        .all(),
    )
    expect(kept).toEqual(damaged.map((r, i) => ({ ...r, reason: report.records[i]!.reason })))

    // The key of a quarantined entry can be written again; a second run moves nothing.
    await vault.set('b', 'b again')
    expect((await vault.list()).map((e) => [e.key, e.value])).toEqual([
      ['a', 'value of a'],
      ['b', 'b again'],
    ])
    expect((await vault.quarantineDamaged()).quarantined).toBe(0)
    expect(
      editVault(file, (db) => db.prepare('SELECT count(*) AS n FROM vault_quarantine').get()),
    ).toEqual({ n: 2 })
  })
})
