import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { SettingsPanel } from '../../../src/renderer/src/components/SettingsPanel'
import { useProvidersStore } from '../../../src/renderer/src/stores/providersStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import { startLoopback } from '../../main/llm/servers/loopback'
import { openAiWire } from '../../main/llm/servers/wires'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

const KEY = 'sk-renderer-test-1f3e5d7c9b'

/** An OpenAI-compatible server on 127.0.0.1 that lists two models (the connection test reads them). */
async function modelServer() {
  const server = await startLoopback(openAiWire, [
    { type: 'json', body: { object: 'list', data: [{ id: 'qwen' }, { id: 'llama' }] } },
  ])
  onTestFinished(() => server.close())
  return server
}

describe('Settings: providers', () => {
  let core: TestCore
  let bridge: FaultyBridge

  beforeEach(async () => {
    core = await freshCore()
    bridge = core.bridge
    useProvidersStore.setState(useProvidersStore.getInitialState(), true)
    useUiStore.getState().setSettingsOpen(true)
  })

  it('adds an OpenAI-compatible provider, stores the key and never shows it again', async () => {
    const server = await modelServer()
    const baseUrl = `${server.url}/v1`
    const user = userEvent.setup()
    render(<SettingsPanel />)
    const panel = screen.getByRole('dialog', { name: 'Settings' })
    expect(await within(panel).findByText('Offline reflection (not an AI model)')).toBeVisible()

    await user.click(within(panel).getByRole('button', { name: 'Add provider' }))
    await user.selectOptions(within(panel).getByLabelText('Provider'), 'OpenAI-compatible')
    await user.type(within(panel).getByLabelText('Name'), 'Local LM')
    await user.type(within(panel).getByLabelText('Base URL'), baseUrl)
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
        baseUrl,
      },
    ])
    expect(bridge.callsTo('providers.setKey')).toEqual([{ id: 'local-lm', key: KEY }])
    const stored = (await core.mirror.providerSettings.list()).providers
    expect(stored.find((p) => p.id === 'local-lm')?.hasKey).toBe(true)
    expect(within(panel).getByLabelText('API key')).toHaveValue('')
    expect(document.body.innerHTML).not.toContain(KEY)
    expect(within(panel).getAllByText(/Key stored in the OS keychain/).length).toBeGreaterThan(0)

    await user.click(within(panel).getAllByRole('button', { name: 'Test connection' })[0]!)
    await waitFor(() =>
      expect(
        within(panel)
          .getAllByRole('status')
          .some((s) => /Connected in \d+ ms; 2 models available/.test(s.textContent ?? '')),
      ).toBe(true),
    )
    // The key went from the keychain to the provider, never back to the window.
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`)
  })

  it('names an embedding model per provider: default placeholder, none for Anthropic, saved and cleared', async () => {
    const user = userEvent.setup()
    render(<SettingsPanel />)
    const panel = screen.getByRole('dialog', { name: 'Settings' })
    await user.click(await within(panel).findByRole('button', { name: 'Add provider' }))
    const field = () => within(panel).getByRole('textbox', { name: 'Embedding model' })

    await user.selectOptions(within(panel).getByLabelText('Provider'), 'OpenAI')
    expect(field()).toHaveAttribute('placeholder', 'text-embedding-3-small')
    expect(field()).toBeEnabled()
    await user.selectOptions(within(panel).getByLabelText('Provider'), 'Ollama')
    expect(field()).toHaveAttribute('placeholder', 'nomic-embed-text')
    await user.selectOptions(within(panel).getByLabelText('Provider'), 'Anthropic')
    expect(field()).toBeDisabled()
    expect(field()).toHaveAccessibleDescription(/Anthropic offers no embeddings/)
    await user.selectOptions(within(panel).getByLabelText('Provider'), 'OpenAI-compatible')
    expect(field()).toBeEnabled()
    expect(field()).toHaveAccessibleDescription(/Name the embedding model .* semantic recall/)

    await user.type(within(panel).getByLabelText('Name'), 'Studio')
    await user.type(within(panel).getByLabelText('Base URL'), 'http://127.0.0.1:9/v1')
    await user.type(within(panel).getByLabelText('Model'), 'qwen')
    await user.type(field(), 'bge-small')
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(await within(panel).findByText('Saved.')).toBeVisible()
    expect(bridge.callsTo('providers.add')).toEqual([
      expect.objectContaining({ id: 'studio', embeddingModel: 'bge-small' }),
    ])
    const saved = async () =>
      (await core.mirror.providerSettings.list()).providers.find((p) => p.id === 'studio')
    expect((await saved())?.embeddingModel).toBe('bge-small')

    await user.click(within(panel).getByRole('button', { name: 'Done' }))
    const row = within(panel).getByRole('listitem', { name: 'Studio' })
    await user.click(within(row).getByRole('button', { name: 'Edit' }))
    expect(field()).toHaveValue('bge-small')
    await user.clear(field())
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(bridge.callsTo('providers.update')).toHaveLength(1))
    expect(bridge.callsTo('providers.update')[0]).toMatchObject({
      id: 'studio',
      patch: { embeddingModel: null },
    })
    await waitFor(async () => expect((await saved())?.embeddingModel).toBeNull())
  })

  it('shows a keychain failure in role alert and keeps the provider', async () => {
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
    expect(within(panel).getByRole('listitem', { name: 'OpenAI' })).toHaveTextContent(
      'No API key yet',
    )
    expect(document.body.innerHTML).not.toContain(KEY)
  })
})
