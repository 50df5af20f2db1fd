import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SettingsPanel } from '../../../src/renderer/src/components/SettingsPanel'
import { useAppStore } from '../../../src/renderer/src/stores/appStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import { freshCore } from '../helpers'

const PASSWORD = 'renderer backup password'
const folders: string[] = []
afterEach(() => {
  for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true })
})

function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-renderer-backups-'))
  folders.push(dir)
  return dir
}

async function openSettings() {
  await useAppStore.getState().load()
  useUiStore.getState().setSettingsOpen(true)
  render(<SettingsPanel />)
  const panel = screen.getByRole('dialog', { name: 'Settings' })
  await within(panel).findByText('No backup yet.')
  return panel
}

describe('Settings → Privacy → Backups, on the real core (memory storage)', () => {
  it('keeps the schedule in main, backs up now, previews a restore by counts, restores', async () => {
    const core = await freshCore()
    await core.setUpVault(PASSWORD)
    const session = await core.addSession('Kept across backups')
    await core.addMessage(session.id, 'user', 'a line worth keeping')
    const folder = tempFolder()
    const user = userEvent.setup()
    const panel = await openSettings()

    // A browser host has no native folder picker: the path is typed.
    expect(within(panel).queryByRole('button', { name: 'Choose folder…' })).toBeNull()
    await user.type(within(panel).getByLabelText('Backup folder'), folder)
    await user.click(within(panel).getByRole('button', { name: 'Use this folder' }))
    // Saved in main: the button that needs a folder comes on.
    await vi.waitFor(() =>
      expect(within(panel).getByRole('button', { name: 'Back up now' })).toBeEnabled(),
    )
    await user.selectOptions(within(panel).getByLabelText('Automatic backups'), 'daily')
    await user.clear(within(panel).getByLabelText('Keep the last'))
    await user.type(within(panel).getByLabelText('Keep the last'), '3')
    await vi.waitFor(async () =>
      expect(await core.mirror.backup.status()).toMatchObject({
        folder,
        frequency: 'daily',
        keep: 3,
      }),
    )

    await user.click(within(panel).getByRole('button', { name: 'Back up now' }))
    await within(panel).findByText(/Last backup:/)
    const [file] = fs.readdirSync(folder).filter((n) => n.endsWith('.ambackup'))
    expect(file).toBeDefined()

    await user.type(within(panel).getByLabelText('Backup file'), path.join(folder, file!))
    await user.type(within(panel).getByLabelText('Backup password'), PASSWORD)
    await user.click(within(panel).getByRole('button', { name: 'Preview restore' }))
    const preview = await within(panel).findByRole('region', { name: 'Restore preview' })
    const row = within(preview).getByRole('row', { name: /^Sessions/ })
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '0', '1'])

    // Nothing is written by the preview; the restore then adds nothing new (all present).
    await user.click(within(preview).getByRole('button', { name: 'Restore' }))
    const done = await within(panel).findByText(/^Restored: /)
    expect(done).toHaveAttribute('role', 'status')
    expect(done).toHaveTextContent('Restored: 0 sessions and 0 messages added.')
    expect(await core.sessionCount()).toBe(1)
  })

  it('shows a locked vault and a damaged file as errors, with no preview', async () => {
    const core = await freshCore()
    await core.setUpVault(PASSWORD, { locked: true })
    const folder = tempFolder()
    await core.mirror.backup.setSchedule({ folder })
    const user = userEvent.setup()
    const panel = await openSettings()

    await vi.waitFor(() =>
      expect(within(panel).getByRole('button', { name: 'Back up now' })).toBeEnabled(),
    )
    await user.click(within(panel).getByRole('button', { name: 'Back up now' }))
    expect(await within(panel).findByRole('alert')).toHaveTextContent('VAULT_LOCKED')
    expect(fs.readdirSync(folder)).toEqual([])

    const damaged = path.join(folder, 'damaged.ambackup')
    fs.writeFileSync(damaged, '{"format":"activemirror.backup","version":1}\n')
    await user.type(within(panel).getByLabelText('Backup file'), damaged)
    await user.type(within(panel).getByLabelText('Backup password'), PASSWORD)
    await user.click(within(panel).getByRole('button', { name: 'Preview restore' }))
    await within(panel).findByText(/BACKUP_CORRUPT/)
    expect(within(panel).queryByRole('region', { name: 'Restore preview' })).toBeNull()
  })
})
