import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { SettingsPanel } from '../../../src/renderer/src/components/SettingsPanel'
import { startAppearance } from '../../../src/renderer/src/lib/appearance'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import { freshCore } from '../helpers'

const root = document.documentElement

beforeEach(async () => {
  await freshCore()
  window.localStorage.clear()
  delete root.dataset['theme']
  delete root.dataset['textSize']
})

describe('Settings: Appearance', () => {
  it('theme and text size apply to <html> at once and are kept for the next start', async () => {
    startAppearance()
    // jsdom has no dark OS scheme: System resolves to light.
    expect(root.dataset['theme']).toBe('light')
    expect(root.dataset['textSize']).toBe('default')

    const user = userEvent.setup()
    useUiStore.getState().setSettingsOpen(true)
    const { unmount } = render(<SettingsPanel />)
    const section = screen.getByRole('region', { name: 'Appearance' })
    const theme = within(section).getByRole('group', { name: 'Theme' })
    expect(within(theme).getByRole('radio', { name: 'System' })).toBeChecked()

    await user.click(within(theme).getByRole('radio', { name: 'Dark' }))
    expect(root.dataset['theme']).toBe('dark')
    const size = within(section).getByRole('group', { name: 'Text size' })
    await user.click(within(size).getByRole('radio', { name: 'Large' }))
    expect(root.dataset['textSize']).toBe('large')

    // A new start (a reload) reads the choice back before anything is drawn.
    unmount()
    delete root.dataset['theme']
    delete root.dataset['textSize']
    startAppearance()
    expect(root.dataset['theme']).toBe('dark')
    expect(root.dataset['textSize']).toBe('large')
    render(<SettingsPanel />)
    const again = screen.getByRole('region', { name: 'Appearance' })
    expect(within(again).getByRole('radio', { name: 'Dark' })).toBeChecked()
    expect(within(again).getByRole('radio', { name: 'Large' })).toBeChecked()
  })

  it('an unknown stored value falls back to the defaults', () => {
    window.localStorage.setItem('activemirror.theme', 'sepia')
    window.localStorage.setItem('activemirror.textSize', 'huge')
    startAppearance()
    expect(root.dataset['theme']).toBe('light')
    expect(root.dataset['textSize']).toBe('default')
  })
})
