import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { SettingsPanel } from '../../../src/renderer/src/components/SettingsPanel'
import { SessionProviderSelect } from '../../../src/renderer/src/components/settings/SessionProviderSelect'
import { useAppStore } from '../../../src/renderer/src/stores/appStore'
import { useProvidersStore } from '../../../src/renderer/src/stores/providersStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

async function openSettings() {
  useProvidersStore.setState(useProvidersStore.getInitialState(), true)
  await useAppStore.getState().load()
  useUiStore.getState().setSettingsOpen(true)
  render(<SettingsPanel />)
  return screen.getByRole('dialog', { name: 'Settings' })
}

describe('Settings: names in words', () => {
  it('names the SQLite store in words, not "sqlite"', async () => {
    await freshCore('sqlite')
    const panel = await openSettings()
    expect(within(panel).getByText('SQLite database')).toBeVisible()
    expect(within(panel).queryByText('sqlite')).not.toBeInTheDocument()
  })

  it('names the in-memory store in words', async () => {
    await freshCore('memory')
    const panel = await openSettings()
    expect(within(panel).getByText('In memory')).toBeVisible()
  })
})

describe('Providers are listed by name', () => {
  let core: TestCore
  beforeEach(async () => {
    core = await freshCore()
  })

  it('an unnamed new provider is listed by its kind, in Settings and in the session picker', async () => {
    const user = userEvent.setup()
    const panel = await openSettings()
    await within(panel).findByText('Offline reflection (not an AI model)')
    await user.click(within(panel).getByRole('button', { name: 'Add provider' }))
    await user.selectOptions(within(panel).getByLabelText('Provider'), 'Ollama')
    await user.type(within(panel).getByLabelText('Model'), 'llama3.2')
    await user.click(within(panel).getByRole('button', { name: 'Save' }))

    const list = within(panel).getByRole('list', { name: 'Providers' })
    expect(await within(list).findByRole('listitem', { name: 'Ollama' })).toBeVisible()
    expect(within(list).queryByText('ollama')).not.toBeInTheDocument()
    const stored = (await core.mirror.providerSettings.list()).providers
    expect(stored.find((p) => p.id === 'ollama')?.label).toBe('Ollama')

    const session = await core.addSession('Picker')
    render(
      <SessionProviderSelect
        sessionId={session.id}
        preferences={{ pattern: 'exploratory', uncertainty: 'none' }}
      />,
    )
    const picker = screen.getByLabelText('Session provider')
    expect(within(picker).getByRole('option', { name: 'Ollama' })).toBeInTheDocument()
    expect(within(picker).queryByRole('option', { name: 'ollama' })).not.toBeInTheDocument()
  })

  it('a provider stored with its generated id as label shows the kind; a chosen name stays', async () => {
    await core.mirror.providerSettings.add({
      id: 'openai-compatible-2',
      type: 'openai-compatible',
      label: 'openai-compatible-2',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'qwen',
    })
    await core.mirror.providerSettings.add({
      id: 'work',
      type: 'ollama',
      label: 'work',
      model: 'llama3.2',
    })
    const panel = await openSettings()
    const list = within(panel).getByRole('list', { name: 'Providers' })
    expect(await within(list).findByRole('listitem', { name: 'OpenAI-compatible' })).toBeVisible()
    expect(within(list).getByRole('listitem', { name: 'work' })).toBeVisible()
    expect(within(list).queryByText('openai-compatible-2')).not.toBeInTheDocument()
  })
})
