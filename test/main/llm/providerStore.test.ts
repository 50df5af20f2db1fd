import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PROVIDER_SETTINGS_FILE, ProviderStore } from '../../../src/main/llm/providerStore'
import { baseUrlOf } from '../../../src/main/llm/providerConfig'
import { MirrorError } from '../../../src/shared/errors'

let dir: string
let store: ProviderStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'amos-providers-'))
  store = new ProviderStore(dir)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const lmStudio = {
  id: 'lmstudio',
  type: 'openai-compatible',
  label: 'LM Studio',
  baseUrl: 'http://127.0.0.1:1234/v1/',
  model: 'qwen2.5-7b-instruct',
  contextWindow: 32_768,
}

async function rejection(p: Promise<unknown>): Promise<MirrorError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MirrorError)
  return error as MirrorError
}

function fileText(): string {
  return readFileSync(join(dir, PROVIDER_SETTINGS_FILE), 'utf8')
}

describe('ProviderStore', () => {
  it('starts empty without a file, and persists added providers as JSON', async () => {
    expect(await store.list()).toEqual([])
    expect(await store.defaultProviderId()).toBeNull()
    const added = await store.add(lmStudio)
    expect(added.baseUrl).toBe('http://127.0.0.1:1234/v1')
    await store.add({ id: 'openai', type: 'openai', label: 'OpenAI', model: 'gpt-4o-mini' })
    const reopened = new ProviderStore(dir)
    expect((await reopened.list()).map((p) => p.id)).toEqual(['lmstudio', 'openai'])
    expect(JSON.parse(fileText())).toMatchObject({
      version: 1,
      providers: [{ id: 'lmstudio' }, { id: 'openai' }],
    })
    expect(baseUrlOf(await reopened.get('openai'))).toBe('https://api.openai.com/v1')
  })

  it('updates fields, clears optional ones with null, and keeps the id', async () => {
    await store.add(lmStudio)
    const updated = await store.update('lmstudio', { model: 'llama-3.1-8b', contextWindow: null })
    expect(updated).toEqual({
      id: 'lmstudio',
      type: 'openai-compatible',
      label: 'LM Studio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      model: 'llama-3.1-8b',
    })
    expect(await new ProviderStore(dir).get('lmstudio')).toEqual(updated)
  })

  it('sets and clears the default; removing the default clears it', async () => {
    await store.add(lmStudio)
    await store.setDefault('lmstudio')
    expect(await store.defaultProviderId()).toBe('lmstudio')
    expect(await store.remove('lmstudio')).toBe(true)
    expect(await store.defaultProviderId()).toBeNull()
    expect(await store.remove('lmstudio')).toBe(false)
  })

  it.each([
    [{ ...lmStudio, id: 'Bad Id' }, /id: Use 1–40 lowercase/],
    [{ ...lmStudio, id: 'offline' }, /reserved for the offline engine/],
    [{ ...lmStudio, type: 'gemini' }, /type:/],
    [{ ...lmStudio, baseUrl: 'ftp://example.com' }, /baseUrl: Enter a full http/],
    [
      { ...lmStudio, baseUrl: 'http://user:pw@example.com/v1' },
      /Do not put credentials in the URL/,
    ],
    [{ ...lmStudio, baseUrl: undefined }, /needs a base URL/],
    [{ ...lmStudio, model: '  ' }, /model: Choose a model/],
    [{ ...lmStudio, contextWindow: 12.5 }, /contextWindow/],
    [{ ...lmStudio, apiKey: 'sk-should-never-be-here' }, /stored in the OS keychain/],
  ])(
    'rejects invalid input with a clear message and writes nothing (%#)',
    async (input, message) => {
      const error = await rejection(store.add(input))
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(error.message).toMatch(message)
      expect(readdirSync(dir)).toEqual([])
    },
  )

  it('refuses duplicates and unknown ids without changing the file', async () => {
    await store.add(lmStudio)
    const before = fileText()
    expect((await rejection(store.add(lmStudio))).code).toBe('VALIDATION_FAILED')
    expect((await rejection(store.update('nope', { model: 'x' }))).code).toBe(
      'PROVIDER_NOT_CONFIGURED',
    )
    expect((await rejection(store.update('lmstudio', { baseUrl: 'not a url' }))).code).toBe(
      'VALIDATION_FAILED',
    )
    expect((await rejection(store.setDefault('nope'))).code).toBe('PROVIDER_NOT_CONFIGURED')
    expect(fileText()).toBe(before)
  })

  it('serializes concurrent changes so none is lost', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        store.add({ id: `p${i}`, type: 'ollama', label: `Ollama ${i}`, model: 'llama3.2' }),
      ),
    )
    expect((await new ProviderStore(dir).list()).map((p) => p.id).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `p${i}`),
    )
    // Atomic writes leave no temp files behind.
    expect(readdirSync(dir)).toEqual([PROVIDER_SETTINGS_FILE])
  })

  it('reports a corrupt settings file as STORAGE_CORRUPT and does not overwrite it', async () => {
    writeFileSync(join(dir, PROVIDER_SETTINGS_FILE), '{"version":1,"providers":[{"id":')
    const error = await rejection(store.add(lmStudio))
    expect(error.code).toBe('STORAGE_CORRUPT')
    expect(fileText()).toBe('{"version":1,"providers":[{"id":')
  })
})
