import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createMirror } from '../../src/main/mirror'
import { MAX_FRAME_BYTES } from '../../src/shared/hostSocket'
import { expect, test } from './fixtures'
import { openApp } from './helpers'

process.env.AMOS_VAULT_KDF_ITERATIONS = '100000'
const PASSWORD = 'a long vault passphrase 42'
const ENTRIES = 6

/** A real backup bigger than one browser-host frame, made by the core in its own data dir. */
async function largeBackup(dir: string): Promise<string> {
  const mirror = await createMirror({ dataDir: dir })
  try {
    await mirror.vault.init(PASSWORD)
    for (let i = 0; i < ENTRIES; i++) await mirror.vault.set(`notes-${i}`, `${i} `.repeat(450_000))
    const file = path.join(dir, 'backup.json')
    writeFileSync(file, await mirror.vault.exportBackup())
    return file
  } finally {
    await mirror.close()
  }
}

test('a vault backup bigger than one request restores in the browser', async ({ page, host }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'amos-large-backup-'))
  try {
    const file = await largeBackup(dir)
    expect(statSync(file).size).toBeGreaterThan(MAX_FRAME_BYTES)

    await openApp(page, host)
    await page.getByRole('button', { name: 'Vault', exact: true }).click()
    const panel = page.getByRole('region', { name: 'Vault' })
    await panel.getByText('Restore from a backup').click()
    await panel.getByLabel('Backup file').setInputFiles(file)
    await panel.getByLabel('Backup password').fill(PASSWORD)
    await panel.getByRole('button', { name: 'Restore', exact: true }).click()
    // The restored vault opens in place of the set-up form, with every entry.
    await expect(panel.getByRole('button', { name: 'Lock vault' })).toBeVisible({ timeout: 30_000 })
    await expect(panel.getByText(`${ENTRIES} entries · 0 sensitive messages`)).toBeVisible()
    await expect(panel.getByRole('button', { name: 'Edit notes-5' })).toBeVisible()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
