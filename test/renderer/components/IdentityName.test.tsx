import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { IdentitySection } from '../../../src/renderer/src/components/continuity/IdentitySection'
import { useMemoryStore } from '../../../src/renderer/src/stores/memoryStore'
import { freshCore } from '../helpers'

async function renderIdentity() {
  useMemoryStore.setState(useMemoryStore.getInitialState(), true)
  render(<IdentitySection />)
  const section = screen.getByRole('region', { name: 'Identity' })
  const field = await within(section).findByRole('textbox', { name: 'Display name' })
  return { section, field }
}

describe('Settings: display name', () => {
  it('an OS account name ("root") shows as an empty field asking for a name; saving stores it', async () => {
    const core = await freshCore()
    await core.mirror.continuity.renameIdentity('root')
    const user = userEvent.setup()
    const { section, field } = await renderIdentity()
    expect(field).toHaveValue('')
    expect(field).toHaveAttribute('placeholder', 'Your name')
    expect(field).toBeEnabled()
    const save = within(section).getByRole('button', { name: 'Save name' })
    expect(save).toBeDisabled()

    await user.type(field, 'Ada Lovelace')
    expect(save).toBeEnabled()
    await user.click(save)
    await expect
      .poll(async () => (await core.mirror.continuity.identity()).displayName)
      .toBe('Ada Lovelace')
    expect(await within(section).findByRole('textbox', { name: 'Display name' })).toHaveValue(
      'Ada Lovelace',
    )
  })

  it('a name the user chose is shown as it is', async () => {
    const core = await freshCore()
    await core.mirror.continuity.renameIdentity('Grace')
    const { field } = await renderIdentity()
    expect(field).toHaveValue('Grace')
  })
})
