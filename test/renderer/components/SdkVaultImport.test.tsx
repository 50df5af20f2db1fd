import fs from 'node:fs'
import path from 'node:path'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useSdkVaultImportStore } from '../../../src/renderer/src/stores/sdkVaultImportStore'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

const FIXTURE = path.resolve(__dirname, '../../fixtures/sdk-vault/js')
const SDK_PASSWORD = 'fixture pässword ✦ 2026'
let core: TestCore
let bridge: FaultyBridge
const PASSWORD = 'renderer vault password'

/** The fixture folder as a folder picker gives it: paths relative to the chosen folder's parent. */
function pickedFolder(): File[] {
  const files = fs.readdirSync(FIXTURE).map((name) => {
    const file = new File([fs.readFileSync(path.join(FIXTURE, name))], name)
    Object.defineProperty(file, 'webkitRelativePath', { value: `js/${name}` })
    return file
  })
  const stray = [
    ['js/notes.txt', 'not part of the vault'],
    ['js/old/other.vault', 'a subfolder is not the SDK vault'],
  ].map(([rel, text]) => {
    const file = new File([text!], path.basename(rel!))
    Object.defineProperty(file, 'webkitRelativePath', { value: rel })
    return file
  })
  return [...files, ...stray]
}

function panel() {
  return screen.getByRole('region', { name: 'Vault' })
}

async function openPanel() {
  render(<App />)
  await userEvent.click(screen.getByRole('button', { name: 'Vault' }))
  return within(panel()).findByRole('button', { name: 'Import SDK vault' })
}

beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  useSdkVaultImportStore.setState(useSdkVaultImportStore.getInitialState(), true)
  await core.setUpVault(PASSWORD)
})

describe('Import SDK vault in the vault panel', () => {
  it('sends the folder’s SDK files byte for byte and shows the report', async () => {
    // A key this vault already has, with another value: the import keeps the user's.
    await core.mirror.vault.set('greeting', 'my own greeting')
    const button = await openPanel()
    expect(button).toBeDisabled()
    const folder = within(panel()).getByLabelText('SDK vault folder')
    expect(folder).toHaveAttribute('webkitdirectory')
    await userEvent.upload(folder, pickedFolder())
    await userEvent.type(within(panel()).getByLabelText('SDK vault password'), SDK_PASSWORD)
    await userEvent.click(button)

    const status = await within(panel()).findByText(
      'Imported 4 of 5 entries from a JavaScript SDK vault.',
    )
    expect(status.closest('[role="status"]')).toHaveTextContent(
      "Skipped 1 whose key the vault already has (yours were kept).Different from the SDK's: greeting.",
    )
    const [sent] = bridge.callsTo('vault.importSdk') as Array<{
      files: Array<{ name: string; base64: string }>
      password: string
    }>
    expect(sent?.password).toBe(SDK_PASSWORD)
    // Exactly the SDK's files of the chosen folder, byte for byte (the JS SDK's are binary).
    const expected = Object.fromEntries(
      fs
        .readdirSync(FIXTURE)
        .map((name) => [name, fs.readFileSync(path.join(FIXTURE, name)).toString('base64')]),
    )
    expect(Object.fromEntries(sent!.files.map((f) => [f.name, f.base64]))).toEqual(expected)
    expect(Object.keys(expected)).toHaveLength(6)
    // The entries list was read again and shows what came in; the password field is emptied.
    expect(
      await within(panel()).findByRole('checkbox', { name: 'Use note-unicode in conversations' }),
    ).toBeInTheDocument()
    expect(within(panel()).getByLabelText('SDK vault password')).toHaveValue('')
    expect((await core.mirror.vault.get('greeting'))?.value).toBe('my own greeting')
  })

  it('a wrong SDK password is shown as such in an alert', async () => {
    const button = await openPanel()
    await userEvent.upload(within(panel()).getByLabelText('SDK vault folder'), pickedFolder())
    await userEvent.type(within(panel()).getByLabelText('SDK vault password'), 'wrong')
    await userEvent.click(button)
    expect(await within(panel()).findByRole('alert')).toHaveTextContent(
      'The password does not open this SDK vault',
    )
    expect(await core.mirror.vault.list()).toEqual([])
  })

  it('a folder without SDK vault files is refused before anything is sent', async () => {
    const button = await openPanel()
    const file = new File(['hello'], 'notes.txt')
    Object.defineProperty(file, 'webkitRelativePath', { value: 'stuff/notes.txt' })
    await userEvent.upload(within(panel()).getByLabelText('SDK vault folder'), [file])
    await userEvent.type(within(panel()).getByLabelText('SDK vault password'), 'anything')
    await userEvent.click(button)
    expect(await within(panel()).findByRole('alert')).toHaveTextContent(
      'This folder holds no ActiveMirrorOS SDK vault',
    )
    expect(bridge.callsTo('vault.importSdk')).toEqual([])
  })
})

describe('restoring a backup', () => {
  it('an SDK vault file is named as such and not sent as a backup', async () => {
    await openPanel()
    await userEvent.click(within(panel()).getByText('Merge a backup'))
    const file = new File([fs.readFileSync(path.join(FIXTURE, 'greeting.vault'))], 'greeting.vault')
    // The picker offers .json files first; "All files" lets a user pick anything.
    const user = userEvent.setup({ applyAccept: false })
    await user.upload(within(panel()).getByLabelText('Backup file'), file)
    await userEvent.type(within(panel()).getByLabelText('Backup password'), 'anything')
    await userEvent.click(within(panel()).getByRole('button', { name: 'Merge' }))
    expect(await within(panel()).findByRole('alert')).toHaveTextContent(
      'This is a file of an ActiveMirrorOS SDK vault, not an ActiveMirror vault backup',
    )
    expect(bridge.callsTo('vault.restore')).toEqual([])
  })
})
