import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { recordRows, updateRecord, vaultFile } from '../../main/vault/helpers/damage'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore

const PASSWORD = 'renderer vault password'

/** Flips a byte of the auth tag of the first `count` sealed records, as a bad disk would. */
function damageRecords(count: number): void {
  const file = vaultFile(core.dir)
  for (const row of recordRows(file).slice(0, count)) {
    const tag = Buffer.from(row.tag)
    tag[0] = tag[0]! ^ 0xff
    updateRecord(file, row.id, { tag })
  }
}

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

describe('damaged vault records in the window', () => {
  it('a damaged sensitive message says it could not be decrypted; the others read normally', async () => {
    await core.setUpVault(PASSWORD)
    const session = await core.addSession('Private')
    await core.sendSensitive(session.id, 'lost to a bad disk')
    await core.sendSensitive(session.id, 'still readable')
    damageRecords(1)
    render(<App />)
    await userEvent.click(await screen.findByRole('link', { name: 'Private' }))
    expect(await screen.findByText('still readable')).toBeInTheDocument()
    expect(screen.queryByText('lost to a bad disk')).toBeNull()
    const note = screen.getByRole('note')
    expect(note).toHaveTextContent('This message could not be decrypted')
    expect(screen.queryByText(/unlock the vault to read/)).toBeNull()
  })

  it('the vault panel warns how many records are damaged', async () => {
    await core.setUpVault(PASSWORD)
    await core.mirror.vault.set('north star', 'finish the book')
    await core.mirror.vault.set('habit', 'walk daily')
    await core.mirror.vault.set('kept', 'this one is fine')
    damageRecords(2)
    render(<App />)
    await userEvent.click(screen.getByRole('button', { name: 'Vault' }))
    const panel = await screen.findByRole('region', { name: 'Vault' })
    expect(await within(panel).findByText(/2 damaged records/)).toBeInTheDocument()
  })
})
