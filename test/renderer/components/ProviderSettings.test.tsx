import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { SettingsPanel } from '../../../src/renderer/src/components/SettingsPanel'
import { useProvidersStore } from '../../../src/renderer/src/stores/providersStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import type { ProviderInfo } from '../../../src/shared/routeGroups/providers'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

const KEY = 'sk-renderer-test-1f3e5d7c9b'

const offline: ProviderInfo = {
  id: 'offline',
  type: 'offline',
  label: 'Offline reflection (not an AI model)',
  model: 'reflective-offline-1',
  baseUrl: null,
  configuredContextWindow: null,
  contextWindow: 8192,
  hasKey: false,
  keyRequired: false,
  builtIn: true,
  isDefault: true,
}

/** A small model of main's provider settings behind the fake bridge. */
function serveProviders(bridge: FakeBridge): { providers: ProviderInfo[]; keys: Set<string> } {
  const state = { providers: [offline], keys: new Set<string>() }
  const withKey = (p: ProviderInfo): ProviderInfo => ({ ...p, hasKey: state.keys.has(p.id) })
  bridge.handle('providers.list', () => ({
    providers: state.providers.map(withKey),
    defaultProviderId: state.providers.find((p) => p.isDefault)!.id,
  }))
  bridge.handle('providers.add', (draft) => {
    const info: ProviderInfo = {
      id: draft.id,
      type: draft.type,
      label: draft.label ?? draft.id,
      model: draft.model,
      baseUrl: draft.baseUrl ?? null,
      configuredContextWindow: null,
      contextWindow: 8192,
      hasKey: false,
      keyRequired: draft.type === 'openai' || draft.type === 'anthropic',
      builtIn: false,
      isDefault: false,
    }
    state.providers.push(info)
    return info
  })
  bridge.handle('providers.setKey', ({ id }) => {
    state.keys.add(id)
    return withKey(state.providers.find((p) => p.id === id)!)
  })
  bridge.handle('providers.test', () => ({
    ok: true,
    models: ['qwen', 'llama'],
    modelListed: true,
    latencyMs: 12,
  }))
  return state
}

describe('Settings: providers', () => {
  let bridge: FakeBridge

  beforeEach(() => {
    bridge = freshBridge()
    useProvidersStore.setState(useProvidersStore.getInitialState(), true)
    useUiStore.getState().setSettingsOpen(true)
  })

  it('adds an OpenAI-compatible provider, stores the key and never shows it again', async () => {
    const state = serveProviders(bridge)
    const user = userEvent.setup()
    render(<SettingsPanel />)
    const panel = screen.getByRole('dialog', { name: 'Settings' })
    expect(await within(panel).findByText('Offline reflection (not an AI model)')).toBeVisible()

    await user.click(within(panel).getByRole('button', { name: 'Add provider' }))
    await user.selectOptions(within(panel).getByLabelText('Provider'), 'OpenAI-compatible')
    await user.type(within(panel).getByLabelText('Name'), 'Local LM')
    await user.type(within(panel).getByLabelText('Base URL'), 'http://127.0.0.1:1234/v1')
    await user.type(within(panel).getByLabelText('Model'), 'qwen')
    const keyField = within(panel).getByLabelText('API key')
    expect(keyField).toHaveAttribute('type', 'password')
    await user.type(keyField, KEY)
    await user.click(within(panel).getByRole('button', { name: 'Save' }))

    expect(await within(panel).findByText('Saved. Key stored in the OS keychain.')).toBeVisible()
    expect(bridge.callsTo('providers.add')).toEqual([
      {
        id: 'local-lm',
        type: 'openai-compatible',
        label: 'Local LM',
        model: 'qwen',
        baseUrl: 'http://127.0.0.1:1234/v1',
      },
    ])
    expect(bridge.callsTo('providers.setKey')).toEqual([{ id: 'local-lm', key: KEY }])
    expect(state.keys.has('local-lm')).toBe(true)
    expect(within(panel).getByLabelText('API key')).toHaveValue('')
    expect(document.body.innerHTML).not.toContain(KEY)
    expect(within(panel).getAllByText(/Key stored in the OS keychain/).length).toBeGreaterThan(0)

    await user.click(within(panel).getAllByRole('button', { name: 'Test connection' })[0]!)
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByRole('status')
          .some((s) => /Connected in 12 ms; 2 models available/.test(s.textContent ?? '')),
      ).toBe(true),
    )
  })

  it('shows a keychain failure in role alert and keeps the provider', async () => {
    serveProviders(bridge)
    bridge.fail('providers.setKey', {
      code: 'KEYCHAIN_UNAVAILABLE',
      message: 'The OS keychain is not available, so the API key was not stored.',
    })
    const user = userEvent.setup()
    render(<SettingsPanel />)
    const panel = screen.getByRole('dialog', { name: 'Settings' })
    await user.click(await within(panel).findByRole('button', { name: 'Add provider' }))
    await user.selectOptions(within(panel).getByLabelText('Provider'), 'OpenAI')
    await user.type(within(panel).getByLabelText('Model'), 'gpt-4o-mini')
    await user.type(within(panel).getByLabelText('API key'), KEY)
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(await within(panel).findByRole('alert')).toHaveTextContent(/keychain is not available/)
    expect(within(panel).getByRole('listitem', { name: 'openai' })).toHaveTextContent(
      'No API key yet',
    )
    expect(document.body.innerHTML).not.toContain(KEY)
  })
})
