import { randomUUID } from 'node:crypto'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettingsPanel } from '../../../src/renderer/src/components/SettingsPanel'
import { useAppStore } from '../../../src/renderer/src/stores/appStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import { allFileText } from '../../helpers/allFileText'
import { postgresBinDir, startPostgresCluster } from '../../helpers/postgresCluster'
import type { PostgresCluster } from '../../helpers/postgresCluster'
import { freshCore } from '../helpers'

// The renderer project has no global PostgreSQL setup: this file starts its own throwaway server.
const BIN_DIR = process.env.AMOS_TEST_DATABASE_URL ? null : postgresBinDir()
const HAS_SERVER = Boolean(process.env.AMOS_TEST_DATABASE_URL || BIN_DIR)
if (!HAS_SERVER) {
  // As test/helpers/postgresSetup.ts: CI must test against a real server.
  if (process.env.CI || process.env.AMOS_REQUIRE_POSTGRES)
    throw new Error('PostgreSQL is not installed: CI installs postgresql.')
  console.warn('\x1b[1;33m!!! SKIPPED (no PostgreSQL server): Settings → Storage\x1b[0m')
}
let cluster: PostgresCluster | null = null
let serverUrl = process.env.AMOS_TEST_DATABASE_URL ?? ''
beforeAll(async () => {
  if (BIN_DIR) {
    cluster = await startPostgresCluster(BIN_DIR)
    serverUrl = cluster.url
  }
}, 60_000)
afterAll(() => cluster?.destroy())

const PASSWORD = `pw-${randomUUID()}`

function withPassword(database: string): string {
  const parsed = new URL(serverUrl)
  parsed.password = PASSWORD
  parsed.pathname = `/${database}`
  return parsed.toString()
}

describe.skipIf(!HAS_SERVER)(
  'Settings → Storage, on the real core and a real PostgreSQL server',
  () => {
    it('tests a URL (errors in plain words, no password), saves the choice, shows the password masked', async () => {
      const core = await freshCore()
      const user = userEvent.setup()
      await useAppStore.getState().load()
      useUiStore.getState().setSettingsOpen(true)
      render(<SettingsPanel />)
      const panel = screen.getByRole('dialog', { name: 'Settings' })
      const section = await within(panel).findByRole('region', { name: 'Storage' })
      const kinds = await within(section).findByRole('radiogroup', { name: 'Storage' })
      expect(within(kinds).getByRole('radio', { name: 'This device (SQLite)' })).toBeChecked()
      expect(within(section).queryByRole('textbox', { name: 'Database URL' })).toBeNull()

      await user.click(within(kinds).getByRole('radio', { name: 'Shared PostgreSQL database' }))
      const field = within(section).getByRole('textbox', { name: 'Database URL' })
      const secret = within(section).getByLabelText('Database password')
      expect(secret).toHaveAttribute('type', 'password')
      await user.type(field, withPassword('no_such_database').replace(`:${PASSWORD}@`, '@'))
      await user.type(secret, PASSWORD)
      expect((field as HTMLInputElement).value).not.toContain(PASSWORD)
      await user.click(within(section).getByRole('button', { name: 'Test connection' }))
      const alert = await within(section).findByRole('alert')
      expect(alert).toHaveTextContent(/Connection failed: .*no such database/)
      expect(alert.textContent).not.toContain(PASSWORD)

      // A pasted URL with its password: the password moves to its own field at once.
      await user.clear(field)
      await user.clear(secret)
      await user.click(field)
      await user.paste(withPassword('postgres'))
      expect(field).toHaveValue(withPassword('postgres').replace(`:${PASSWORD}@`, '@'))
      expect(secret).toHaveValue(PASSWORD)
      await user.click(within(section).getByRole('button', { name: 'Test connection' }))
      expect(
        await within(section).findByText(/^Connected to 127\.0\.0\.1:\d+\/postgres/),
      ).toHaveAttribute('role', 'status')

      await user.click(within(section).getByRole('button', { name: 'Use this database' }))
      // No host here restarts the core: the choice waits for the next start.
      expect(
        await within(section).findByText('Saved. ActiveMirror uses it from its next start.'),
      ).toBeInTheDocument()
      const shown = within(section).getByRole('textbox', { name: 'Database URL' })
      expect(shown).toHaveValue(withPassword('postgres').replace(`:${PASSWORD}@`, '@'))
      // The saved password comes back as the mask, in the password field only.
      expect(within(section).getByLabelText('Database password')).toHaveValue('********')
      expect(
        within(section).getByRole('radio', { name: 'Shared PostgreSQL database' }),
      ).toBeChecked()
      // The password is in the keychain (the mask stands for it), in no file and not on screen.
      expect(allFileText(core.dir)).not.toContain(PASSWORD)
      expect(document.body.innerHTML).not.toContain(PASSWORD)
      const masked = withPassword('postgres').replace(PASSWORD, '********')
      await expect(core.mirror.storageChoice.test(masked)).resolves.toMatchObject({
        server: expect.stringMatching(/\/postgres$/),
      })
    })

    it('"Use this database" is disabled, saying why, for the database already in use', async () => {
      const saved = process.env['AMOS_DATABASE_URL']
      process.env['AMOS_DATABASE_URL'] = withPassword('postgres')
      try {
        await freshCore('postgres')
      } finally {
        if (saved === undefined) delete process.env['AMOS_DATABASE_URL']
        else process.env['AMOS_DATABASE_URL'] = saved
      }
      const user = userEvent.setup()
      await useAppStore.getState().load()
      useUiStore.getState().setSettingsOpen(true)
      render(<SettingsPanel />)
      const section = await screen.findByRole('region', { name: 'Storage' })
      const field = await within(section).findByRole('textbox', { name: 'Database URL' })
      expect(field).toHaveValue(withPassword('postgres').replace(`:${PASSWORD}@`, '@'))
      const use = within(section).getByRole('button', { name: 'Use this database' })
      expect(use).toBeDisabled()
      expect(use).toHaveAccessibleDescription('ActiveMirror is already using this database.')
      expect(document.body.innerHTML).not.toContain(PASSWORD)

      // A new password for the same database is still that database.
      const secret = within(section).getByLabelText('Database password')
      await user.clear(secret)
      await user.type(secret, 'another password')
      expect(use).toBeDisabled()

      // Another database, or this device, can be chosen.
      await user.clear(field)
      await user.type(field, withPassword('other_db').replace(`:${PASSWORD}@`, '@'))
      expect(use).toBeEnabled()
      expect(use).not.toHaveAccessibleDescription()
      await user.click(within(section).getByRole('radio', { name: 'This device (SQLite)' }))
      expect(use).toBeEnabled()
    })
  },
)
