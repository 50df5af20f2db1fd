import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ApiKeys } from '../../../src/main/llm/apiKeys'
import { createKeytarStore } from '../../../src/main/keychain/keytarStore'
import { testConnection } from '../../../src/main/llm/connectionTest'
import { listModels } from '../../../src/main/llm/modelCatalog'
import { ProviderStore } from '../../../src/main/llm/providerStore'
import { loadConfiguredProviders, removeProvider } from '../../../src/main/llm/providers'
import type { ChatProvider } from '../../../src/main/llm/provider'
import { FAST, collect } from './harness'
import { startLoopback } from './servers/loopback'
import type { LoopbackServer, Reply } from './servers/loopback'
import { anthropicWire, openAiWire } from './servers/wires'

// The whole path a key takes: Settings → keychain → request header, and every way back out.
const KEY = `sk-proj-${randomUUID().replaceAll('-', '')}`
const ANTHROPIC_KEY = `sk-ant-api03-${randomUUID().replaceAll('-', '')}`
const secrets = createKeytarStore(`ActiveMirror-test-${randomUUID()}`)
const keys = new ApiKeys(secrets)
let dir: string
let openai: LoopbackServer
let anthropic: LoopbackServer
let output = ''

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amos-secrets-'))
  openai = await startLoopback(openAiWire)
  anthropic = await startLoopback(anthropicWire)
  const capture = (chunk: unknown): boolean => {
    output += String(chunk)
    return true
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      output += `${args.map(String).join(' ')}\n`
    })
  }
  vi.spyOn(process.stdout, 'write').mockImplementation(capture)
  vi.spyOn(process.stderr, 'write').mockImplementation(capture)
})

afterAll(async () => {
  vi.restoreAllMocks()
  await secrets.delete('provider:cloud').catch(() => false)
  await secrets.delete('provider:claude').catch(() => false)
  await openai.close()
  await anthropic.close()
  rmSync(dir, { recursive: true, force: true })
})

// Error bodies that repeat the key, as real services partly do.
const hostile = (key: string): Reply[] => [
  { type: 'status', status: 401, message: `Incorrect API key provided: ${key}` },
  { type: 'status', status: 403, message: `Key ${key} may not use this model` },
  { type: 'status', status: 404, message: `No model for key ${key}` },
  {
    type: 'status',
    status: 429,
    headers: { 'retry-after': '120' },
    message: `Rate limit for ${key}`,
  },
  { type: 'status', status: 400, message: `Bad request from ${key}` },
  { type: 'stream', texts: ['partial ', 'reply'], cutAfter: 1 },
  { type: 'stream', texts: ['partial'], streamError: 'server_error' },
]

describe('API keys never leave the keychain except to the provider', () => {
  it('stores keys in the keychain only and sends them in the provider header', async () => {
    const store = new ProviderStore(dir)
    await store.add({
      id: 'cloud',
      type: 'openai',
      label: 'Cloud',
      baseUrl: `${openai.url}/v1`,
      model: 'gpt-4o',
    })
    await store.add({
      id: 'claude',
      type: 'anthropic',
      label: 'Claude',
      baseUrl: `${anthropic.url}/v1`,
      model: 'claude-sonnet-4-5',
    })
    await store.setDefault('cloud')
    await keys.set('cloud', KEY)
    await keys.set('claude', ANTHROPIC_KEY)

    const { providers, defaultProviderId } = await loadConfiguredProviders(store, keys, FAST)
    expect(defaultProviderId).toBe('cloud')
    openai.setReplies([{ type: 'stream', texts: ['hello'] }])
    anthropic.setReplies([{ type: 'stream', texts: ['hello'] }])
    for (const provider of providers) expect((await collect(provider)).texts).toEqual(['hello'])
    expect(openai.requests.at(-1)!.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(anthropic.requests.at(-1)!.headers['x-api-key']).toBe(ANTHROPIC_KEY)

    // Nothing in the data dir holds either key.
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8')
      expect(text).not.toContain(KEY)
      expect(text).not.toContain(ANTHROPIC_KEY)
    }
  })

  it('keeps keys out of every error, log line and console output', async () => {
    const { providers } = await loadConfiguredProviders(new ProviderStore(dir), keys, FAST)
    const byId = new Map<string, ChatProvider>(providers.map((p) => [p.id, p]))
    const infos: unknown[] = []
    for (const [id, server, key] of [
      ['cloud', openai, KEY],
      ['claude', anthropic, ANTHROPIC_KEY],
    ] as const) {
      for (const reply of hostile(key)) {
        server.setReplies([reply])
        const { error } = await collect(byId.get(id)!)
        expect(error).not.toBeNull()
        infos.push(error!.toInfo(), error!.message, String(error!.stack))
      }
      server.setReplies([
        { type: 'status', status: 401, message: `Incorrect API key provided: ${key}` },
      ])
      const store = new ProviderStore(dir)
      const config = await store.get(id)
      infos.push(await testConnection(config, key, { timeouts: FAST }))
      infos.push(await listModels(config, key, { timeouts: FAST }).catch((e: unknown) => String(e)))
    }
    const everything = JSON.stringify(infos) + output
    expect(everything).toContain('PROVIDER_AUTH_FAILED')
    expect(everything).not.toContain(KEY)
    expect(everything).not.toContain(ANTHROPIC_KEY)
    // Not even the recognisable middle of a key.
    expect(everything).not.toContain(KEY.slice(8, 24))
  })

  it('removing a provider removes its key from the keychain too', async () => {
    const store = new ProviderStore(dir)
    expect(await removeProvider(store, keys, 'cloud')).toBe(true)
    expect(await keys.has('cloud')).toBe(false)
    expect(await secrets.get('provider:cloud')).toBeNull()
    expect((await store.list()).map((p) => p.id)).toEqual(['claude'])
    expect(await store.defaultProviderId()).toBeNull()
    expect(await keys.has('claude')).toBe(true)
  })
})
