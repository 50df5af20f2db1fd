import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { freshCore } from '../helpers'

beforeEach(async () => {
  await freshCore()
  window.history.replaceState(null, '', '/')
})

describe('Settings dialog', () => {
  it('is a modal labelled "Settings" that keeps focus inside, closes on Esc and gives focus back', async () => {
    render(<App />)
    const user = userEvent.setup()
    const button = screen.getByRole('button', { name: 'Settings' })
    await user.click(button)

    const dialog = await screen.findByRole('dialog', { name: 'Settings' })
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    const close = within(dialog).getByRole('button', { name: 'Close settings' })
    expect(close).toHaveFocus()

    // Shift+Tab from the first control wraps to the last one inside the dialog, not the page.
    await user.tab({ shift: true })
    expect(dialog).toContainElement(document.activeElement as HTMLElement)
    expect(document.activeElement).not.toBe(close)
    await user.tab()
    expect(close).toHaveFocus()

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Settings' })).not.toBeInTheDocument()
    expect(button).toHaveFocus()
  })
})
