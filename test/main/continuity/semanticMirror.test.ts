import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { memoryEmbedder } from '../../../src/main/continuity/semantic/memoryEmbedder'
import { isEncryptedFile } from '../../../src/main/sqlite/cipher'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { parseProviderConfig } from '../../../src/main/llm/providerConfig'
import { ConfiguredProvider } from '../../../src/main/llm/providers/configuredProvider'
import type { Mirror } from '../../../src/main/mirrorApi'
import { loadWordVectors, startWordVectorServer, words } from '../../../bench/wordVectorServer'
import type { EmbeddingServer } from '../../../bench/wordVectorServer'
import { tempMirror } from '../helpers/tempMirror'
import type { TempMirror } from '../helpers/tempMirror'
import { makeMessage } from '../../../src/testing/fixtures'
import { memorySecrets } from './helpers/mirror'

const TEXT = 'Our beehive needs a new queen before the summer honey flow.'
let server: EmbeddingServer
let fx: TempMirror | null = null

beforeAll(async () => {
  server = await startWordVectorServer(loadWordVectors(words(TEXT)))
}, 120_000)
afterAll(() => server.close())
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

function registryWith(config: Record<string, unknown>): ProviderRegistry {
  const provider = new ConfiguredProvider(parseProviderConfig(config), {
    getApiKey: async () => 'k',
  })
  return new ProviderRegistry([provider], provider.id)
}

describe('which embedder may see past conversations', () => {
  it('a local provider yes; a cloud one only when memories may leave the machine', () => {
    const local = registryWith({
      id: 'lm',
      type: 'openai-compatible',
      label: 'LM Studio',
      baseUrl: 'http://127.0.0.1:1234/v1',
      model: 'q',
      embeddingModel: 'bge',
    })
    expect(memoryEmbedder(local)?.model).toBe('bge')
    const cloud = registryWith({ id: 'oa', type: 'openai', label: 'OpenAI', model: 'gpt-4o' })
    expect(memoryEmbedder(cloud)).toBeNull()
    expect(memoryEmbedder(cloud, () => false)?.model).toBe('text-embedding-3-small')
    expect(memoryEmbedder(new ProviderRegistry())).toBeNull()
  })
})

async function mirrorWithMessage(): Promise<Mirror> {
  fx = await tempMirror('amos-semantic-', (dir) => ({
    vault: { iterations: 100_000, keychainService: `ActiveMirror-test-${path.basename(dir)}` },
    providerSettings: { secrets: memorySecrets() },
  }))
  const { mirror } = fx
  const session = await mirror.sessions.create({ title: 'Bees' })
  await mirror.storage.appendMessage(makeMessage(session.id, { id: 'msg_bees_1', content: TEXT }))
  return mirror
}

async function useLocalEmbedder(mirror: Mirror): Promise<void> {
  await mirror.providerSettings.add({
    id: 'local',
    type: 'openai-compatible',
    baseUrl: server.baseUrl,
    model: 'chat',
    embeddingModel: 'word-mean',
  })
  await mirror.providerSettings.setDefault('local')
}

const vectorFiles = (dir: string): string[] =>
  (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('vectors.db'))

describe('semantic recall in a mirror', () => {
  it('embeds with the default local provider; a cloud default gets nothing', async () => {
    const mirror = await mirrorWithMessage()
    expect(await mirror.recallIndex.run()).toMatchObject({ stopped: 'no-embedder' })
    await mirror.providerSettings.add({
      id: 'cloud',
      type: 'openai',
      baseUrl: 'https://api.openai.invalid/v1',
      model: 'gpt-4o-mini',
    })
    await mirror.providerSettings.setDefault('cloud')
    expect(await mirror.recallIndex.run()).toMatchObject({ embedded: 0, stopped: 'no-embedder' })
    expect(server.requests).toEqual([])
    expect(vectorFiles(fx!.dir)).toEqual([])

    await useLocalEmbedder(mirror)
    expect(await mirror.recallIndex.run()).toEqual({ embedded: 1, removed: 0, stopped: null })
    expect(server.requests).toEqual([{ model: 'word-mean', input: [TEXT] }])
    const [file] = vectorFiles(fx!.dir)
    expect(isEncryptedFile(path.join(fx!.dir, file!))).toBe(false)

    // A message stored later is embedded by itself, after the write, without being asked.
    const later = 'The honey harvest filled twelve jars this autumn.'
    const session = (await mirror.sessions.list()).items[0]!
    await mirror.storage.appendMessage(makeMessage(session.id, { content: later }))
    await expect
      .poll(() => server.requests.flatMap((r) => r.input), { timeout: 15_000 })
      .toContain(later)
  })

  it('with history encrypted, vectors are encrypted too and unreachable while the vault is locked', async () => {
    const mirror = await mirrorWithMessage()
    await mirror.vault.init('semantic recall pw')
    await mirror.encryption.enable()
    await useLocalEmbedder(mirror)
    expect((await mirror.recallIndex.run()).embedded).toBe(1)
    const [file] = vectorFiles(fx!.dir)
    expect(isEncryptedFile(path.join(fx!.dir, file!))).toBe(true)
    mirror.vault.lock()
    expect(await mirror.recallIndex.run()).toMatchObject({ embedded: 0, stopped: 'no-store' })
  })
})
