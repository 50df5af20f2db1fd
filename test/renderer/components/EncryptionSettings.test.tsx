import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { EncryptionSettings } from '../../../src/renderer/src/components/settings/EncryptionSettings'
import { freshCore } from '../helpers'

describe('Settings → Privacy → "Encrypt all history" on a store it cannot encrypt', () => {
  it('says why in the words of the store in use (memory)', async () => {
    await freshCore('memory')
    render(<EncryptionSettings />)
    const toggle = await screen.findByRole('switch', { name: 'Encrypt all history' })
    expect(toggle).toBeDisabled()
    expect(toggle).toHaveAccessibleDescription(/lives in memory only/)
    expect(toggle).not.toHaveAccessibleDescription(/JSON folder/)
  })

  it('says why in the words of the store in use (JSON folder)', async () => {
    await freshCore('json')
    render(<EncryptionSettings />)
    const toggle = await screen.findByRole('switch', { name: 'Encrypt all history' })
    expect(toggle).toBeDisabled()
    expect(toggle).toHaveAccessibleDescription(/JSON folder store cannot be encrypted/)
  })
})
