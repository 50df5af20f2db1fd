import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKeytarStore } from '../../../src/main/keychain/keytarStore'
import type { SecretStore } from '../../../src/main/keychain/secretStore'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import { MirrorError } from '../../../src/shared/errors'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { openAiWire } from '../llm/servers/wires'

// Real Secret Service (gnome-keyring, scripts/with-keyring.sh); a private service name per run.
const service = `ActiveMirror-test-${randomUUID()}`
const secrets = createKeytarStore(service)
const KEY = 'sk-settings-test-9c1e7a2b4d6f8a0c'

/** Everything under `dir`, as text, to prove a key never reached a file. */
function allFileText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name)).toString('latin1'))
    .join('\n')
}

describe('provider settings on a real mirror and keychain', () => {
  let dir: string
  let mirror: Mirror
  const ids: string[] = []

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-provider-settings-'))
    mirror = await createMirror({
      dataDir: dir,
      storage: 'sqlite',
      providerSettings: { keychainService: service },
    })
  })

  afterEach(async () => {
    await mirror.close()
    for (const id of ids.splice(0)) await secrets.delete(`provider:${id}`).catch(() => false)
    rmSync(dir, { recursive: true, force: true })
  })

  function id(prefix: string): string {
    const value = `${prefix}-${randomUUID().slice(0, 6)}`
    ids.push(value)
    return value
  }

  it('starts with the offline engine as the labelled default', async () => {
    const list = await mirror.providerSettings.list()
    expect(list.defaultProviderId).toBe('offline')
    expect(list.providers).toHaveLength(1)
    expect(list.providers[0]).toMatchObject({ id: 'offline', builtIn: true, isDefault: true })
    expect(list.providers[0]!.label).toMatch(/not an AI model/)
    expect(mirror.providers.defaultProvider().id).toBe('offline')
  })

  it('adds, updates and registers providers; the offline engine stays default until chosen', async () => {
    const oa = id('oa')
    const added = await mirror.providerSettings.add({
      id: oa,
      type: 'openai',
      label: 'My OpenAI',
      model: 'gpt-4o-mini',
    })
    expect(added).toMatchObject({
      id: oa,
      type: 'openai',
      label: 'My OpenAI',
      baseUrl: 'https://api.openai.com/v1',
      contextWindow: 128_000,
      hasKey: false,
      keyRequired: true,
      isDefault: false,
    })
    expect(mirror.providers.get(oa).label).toBe('My OpenAI')
    expect(mirror.providers.defaultProvider().id).toBe('offline')

    const updated = await mirror.providerSettings.update(oa, {
      model: 'gpt-4.1',
      contextWindow: 50_000,
    })
    expect(updated).toMatchObject({ model: 'gpt-4.1', contextWindow: 50_000 })
    // The registry holds the new settings at once.
    expect(mirror.providers.get(oa).defaultModel).toBe('gpt-4.1')
    expect(mirror.providers.get(oa).contextWindow).toBe(50_000)

    const list = await mirror.providerSettings.setDefault(oa)
    expect(list.defaultProviderId).toBe(oa)
    expect(mirror.providers.defaultProvider().id).toBe(oa)
    await mirror.providerSettings.setDefault('offline')
    expect(mirror.providers.defaultProvider().id).toBe('offline')
  })

  it('reports the embedding model recall uses: named, the kind default, or null', async () => {
    const [oa, ol, lm, an] = [id('oa'), id('ol'), id('lm'), id('an')]
    const baseUrl = 'http://127.0.0.1:9/v1'
    await mirror.providerSettings.add({ id: oa, type: 'openai', model: 'gpt-4o-mini' })
    await mirror.providerSettings.add({ id: ol, type: 'ollama', model: 'llama3.2' })
    await mirror.providerSettings.add({ id: lm, type: 'openai-compatible', baseUrl, model: 'q' })
    await mirror.providerSettings.add({ id: an, type: 'anthropic', model: 'claude-sonnet-4-5' })
    const models = async () =>
      Object.fromEntries(
        (await mirror.providerSettings.list()).providers.map((p) => [
          p.id,
          [p.embeddingModel, p.configuredEmbeddingModel],
        ]),
      )
    expect(await models()).toEqual({
      offline: [null, null],
      [oa]: ['text-embedding-3-small', null],
      [ol]: ['nomic-embed-text', null],
      [lm]: [null, null],
      [an]: [null, null],
    })

    const named = await mirror.providerSettings.update(lm, { embeddingModel: 'bge-small' })
    expect(named).toMatchObject({
      embeddingModel: 'bge-small',
      configuredEmbeddingModel: 'bge-small',
    })
    await mirror.providerSettings.update(oa, { embeddingModel: 'text-embedding-3-large' })
    expect((await models())[oa]).toEqual(['text-embedding-3-large', 'text-embedding-3-large'])

    const cleared = await mirror.providerSettings.update(oa, { embeddingModel: null })
    expect(cleared).toMatchObject({
      embeddingModel: 'text-embedding-3-small',
      configuredEmbeddingModel: null,
    })
  })

  it('stores the key only in the keychain, reports hasKey, and never returns the key', async () => {
    const oa = id('oa')
    await mirror.providerSettings.add({ id: oa, type: 'openai', model: 'gpt-4o-mini' })
    const info = await mirror.providerSettings.setKey(oa, KEY)
    expect(info.hasKey).toBe(true)
    expect(JSON.stringify(info)).not.toContain(KEY)
    expect(await secrets.get(`provider:${oa}`)).toBe(KEY)
    const list = await mirror.providerSettings.list()
    expect(JSON.stringify(list)).not.toContain(KEY)
    expect(list.providers.find((p) => p.id === oa)!.hasKey).toBe(true)
    expect(allFileText(dir)).not.toContain(KEY)

    const cleared = await mirror.providerSettings.clearKey(oa)
    expect(cleared.hasKey).toBe(false)
    expect(await secrets.get(`provider:${oa}`)).toBeNull()
  })

  it('removing a provider deletes its key and unregisters it; the default falls back', async () => {
    const oa = id('oa')
    await mirror.providerSettings.add({ id: oa, type: 'openai', model: 'gpt-4o-mini' })
    await mirror.providerSettings.setKey(oa, KEY)
    await mirror.providerSettings.setDefault(oa)
    expect(await mirror.providerSettings.remove(oa)).toEqual({ removed: true })
    expect(await secrets.get(`provider:${oa}`)).toBeNull()
    expect(() => mirror.providers.get(oa)).toThrow(MirrorError)
    expect(mirror.providers.defaultProvider().id).toBe('offline')
    expect(await mirror.providerSettings.remove(oa)).toEqual({ removed: false })
  })

  it('refuses bad input without changing anything', async () => {
    const oa = id('oa')
    await mirror.providerSettings.add({ id: oa, type: 'openai', model: 'gpt-4o-mini' })
    const before = readFileSync(join(dir, 'providers.json'), 'utf8')
    const attempts: Array<() => Promise<unknown>> = [
      () => mirror.providerSettings.add({ id: oa, type: 'openai', model: 'x' }),
      () => mirror.providerSettings.add({ id: 'Bad Id', type: 'openai', model: 'x' }),
      () => mirror.providerSettings.add({ id: 'offline', type: 'openai', model: 'x' }),
      () => mirror.providerSettings.add({ id: 'lm', type: 'openai-compatible', model: 'x' }),
      () =>
        mirror.providerSettings.add({
          id: 'creds',
          type: 'openai-compatible',
          model: 'x',
          baseUrl: 'http://user:pw@127.0.0.1:1/v1',
        }),
      () => mirror.providerSettings.update(oa, { baseUrl: 'ftp://example.com' }),
      () => mirror.providerSettings.setKey(oa, '   '),
      () => mirror.providerSettings.setKey('nobody', KEY),
      () => mirror.providerSettings.setDefault('nobody'),
      () => mirror.providerSettings.remove('offline'),
    ]
    for (const attempt of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(MirrorError)
      expect(JSON.stringify((error as MirrorError).toInfo())).not.toContain(KEY)
    }
    expect(readFileSync(join(dir, 'providers.json'), 'utf8')).toBe(before)
    expect(await secrets.get(`provider:${oa}`)).toBeNull()
  })

  it('refuses a key for Ollama, which does not use one', async () => {
    const local = id('local')
    await mirror.providerSettings.add({ id: local, type: 'ollama', model: 'llama3.2' })
    await expect(mirror.providerSettings.setKey(local, KEY)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(await secrets.get(`provider:${local}`)).toBeNull()
  })

  it('sees changes another process made to the settings file', async () => {
    const other = await createMirror({
      dataDir: dir,
      storage: 'sqlite',
      providerSettings: { keychainService: service },
    })
    try {
      const lm = id('lm')
      await other.providerSettings.add({
        id: lm,
        type: 'openai-compatible',
        model: 'qwen',
        baseUrl: 'http://127.0.0.1:9/v1',
      })
      await other.providerSettings.setDefault(lm)
      const list = await mirror.providerSettings.list()
      expect(list.defaultProviderId).toBe(lm)
      expect(mirror.providers.defaultProvider().id).toBe(lm)
    } finally {
      await other.close()
    }
  })

  describe('against a loopback OpenAI-compatible server', () => {
    let server: LoopbackServer

    beforeEach(async () => {
      server = await startLoopback(openAiWire, [
        { type: 'json', body: { object: 'list', data: [{ id: 'qwen' }, { id: 'llama' }] } },
      ])
    })
    afterEach(() => server.close())

    it('lists models and tests the connection with the stored key', async () => {
      const lm = id('lm')
      await mirror.providerSettings.add({
        id: lm,
        type: 'openai-compatible',
        model: 'qwen',
        baseUrl: `${server.url}/v1`,
      })
      await mirror.providerSettings.setKey(lm, KEY)
      expect(await mirror.providerSettings.models(lm)).toEqual({ models: ['llama', 'qwen'] })
      const result = await mirror.providerSettings.test(lm)
      expect(result).toMatchObject({ ok: true, modelListed: true, models: ['llama', 'qwen'] })
      expect(server.requests[0]!.path).toBe('/v1/models')
      expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`)
    })

    it('reports a bad key as a result, not a thrown error, without echoing it', async () => {
      server.setReplies([{ type: 'status', status: 401, message: `Incorrect API key ${KEY}` }])
      const lm = id('lm')
      await mirror.providerSettings.add({
        id: lm,
        type: 'openai-compatible',
        model: 'qwen',
        baseUrl: `${server.url}/v1`,
      })
      await mirror.providerSettings.setKey(lm, KEY)
      const result = await mirror.providerSettings.test(lm)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('PROVIDER_AUTH_FAILED')
      expect(JSON.stringify(result)).not.toContain(KEY)
    })
  })
})

describe('provider settings without a keychain', () => {
  it('refuses the key with KEYCHAIN_UNAVAILABLE and stores nothing anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'amos-provider-nokeychain-'))
    const writes: string[] = []
    // Stands in for a machine with no Secret Service: every call fails the way keytar does.
    const absent: SecretStore = {
      service: 'none',
      available: async () => false,
      get: async () => {
        throw new MirrorError('KEYCHAIN_UNAVAILABLE', 'No keychain.')
      },
      set: async (account) => {
        writes.push(account)
      },
      delete: async () => false,
    }
    const mirror = await createMirror({
      dataDir: dir,
      storage: 'sqlite',
      providerSettings: { secrets: absent },
    })
    try {
      await mirror.providerSettings.add({ id: 'oa', type: 'openai', model: 'gpt-4o-mini' })
      const error = await mirror.providerSettings.setKey('oa', KEY).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MirrorError)
      expect((error as MirrorError).code).toBe('KEYCHAIN_UNAVAILABLE')
      expect((error as MirrorError).message).not.toContain(KEY)
      expect(writes).toEqual([])
      expect(allFileText(dir)).not.toContain(KEY)
      const list = await mirror.providerSettings.list()
      expect(list.providers.find((p) => p.id === 'oa')!.hasKey).toBe(false)
    } finally {
      await mirror.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
