import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Message, Session } from '../../../src/shared/domain'
import { recall } from '../../../src/main/continuity/recall'
import { SemanticRecall } from '../../../src/main/continuity/semantic/semanticRecall'
import { VectorIndexer } from '../../../src/main/continuity/semantic/vectorIndexer'
import { createEmbedder } from '../../../src/main/llm/embeddings/embedder'
import type { Embedder } from '../../../src/main/llm/embeddings/embedder'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { openSqliteVectorStore } from '../../../src/main/storage/sqlite/vectors/sqliteVectorStore'
import type { SqliteVectorStore } from '../../../src/main/storage/sqlite/vectors/sqliteVectorStore'
import {
  WORD_VECTOR_MODEL,
  embedText,
  loadWordVectors,
  startWordVectorServer,
  wordVectorEmbedder,
  words,
} from '../../../bench/wordVectorServer'
import type { EmbeddingServer } from '../../../bench/wordVectorServer'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { openAiWire } from '../llm/servers/wires'
import { makeMessage, makeSession } from '../../../src/testing/fixtures'
import { tempDir } from './helpers/temp'

const AT = '2026-03-01T10:00:00.000Z'
const TEXTS = {
  garden: ['My tomato plants have yellow leaves.', 'Water them at the base in the morning.'],
  bank: ['Should I refinance the mortgage this year?', 'Compare closing costs with savings.'],
  secret: 'My account password hint is the name of my first dog Biscuit.',
  later: 'The basil next to the tomatoes is wilting in the afternoon heat.',
}

const session = (id: string): Session =>
  makeSession({ id, title: id, createdAt: AT, updatedAt: AT })

const message = (sessionId: string, i: number, content: string, sensitive = false): Message =>
  makeMessage(sessionId, {
    id: `${sessionId}_m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content,
    createdAt: AT,
    sensitive,
  })

let vectors: Map<string, Float32Array>
let server: EmbeddingServer
let temp: { dir: string; cleanup(): void }
let storage: SqliteStorage
let store: SqliteVectorStore
let embedder: Embedder

const wordEmbedder = (model = WORD_VECTOR_MODEL): Embedder => wordVectorEmbedder(server, model)
const indexerWith = (e: Embedder | null, more: Partial<{ batchSize: number }> = {}) =>
  new VectorIndexer({
    storage,
    vectors: async () => store,
    embedder: () => e,
    pauseMs: 0,
    ...more,
  })
const sentTexts = (): string[] => server.requests.flatMap((r) => r.input)

beforeAll(async () => {
  vectors = loadWordVectors(
    words(
      [...TEXTS.garden, ...TEXTS.bank, TEXTS.secret, TEXTS.later, 'garden vegetables'].join(' '),
    ),
  )
  server = await startWordVectorServer(vectors)
}, 120_000)
afterAll(() => server.close())

beforeEach(async () => {
  temp = tempDir('amos-indexer-')
  storage = await openSqliteStorage(path.join(temp.dir, 'activemirror.db'))
  store = openSqliteVectorStore(path.join(temp.dir, 'vectors.db'))
  embedder = wordEmbedder()
  server.requests.length = 0
  await storage.importSession(
    session('garden'),
    TEXTS.garden.map((t, i) => message('garden', i, t)),
  )
  await storage.importSession(
    session('bank'),
    TEXTS.bank.map((t, i) => message('bank', i, t)),
  )
  await storage.importSession(session('private'), [message('private', 0, TEXTS.secret, true)])
})
afterEach(async () => {
  await store.close()
  await storage.close()
  temp.cleanup()
})

describe('VectorIndexer', () => {
  it('embeds stored messages in batches, never a sensitive one, and resumes without repeating', async () => {
    const pass = await indexerWith(embedder, { batchSize: 1 }).run()
    expect(pass).toEqual({ embedded: 4, removed: 0, stopped: null })
    expect(
      server.requests.every((r) => r.model === WORD_VECTOR_MODEL && r.input.length === 1),
    ).toBe(true)
    expect(sentTexts().sort()).toEqual([...TEXTS.garden, ...TEXTS.bank].sort())
    expect(await store.messageIdsOf('private')).toEqual(new Set())

    // No vector of the sensitive text anywhere in the vector file.
    await store.close()
    const secretVector = Buffer.from(Float32Array.from(embedText(vectors, TEXTS.secret)).buffer)
    const onDisk = Buffer.concat(
      ['', '-wal']
        .map((s) => path.join(temp.dir, `vectors.db${s}`))
        .filter((f) => fs.existsSync(f))
        .map((f) => fs.readFileSync(f)),
    )
    const gardenVector = Buffer.from(Float32Array.from(embedText(vectors, TEXTS.garden[0]!)).buffer)
    expect(onDisk.includes(gardenVector)).toBe(true)
    expect(onDisk.includes(secretVector)).toBe(false)
    store = openSqliteVectorStore(path.join(temp.dir, 'vectors.db'))

    // A restart (new indexer, same file) finds nothing to do.
    server.requests.length = 0
    expect(await indexerWith(embedder).run()).toEqual({ embedded: 0, removed: 0, stopped: null })
    expect(server.requests).toEqual([])

    // A new message: only it is embedded.
    await storage.appendMessage({
      ...message('garden', 2, TEXTS.later),
      parentId: 'garden_m1',
    } as Message)
    expect((await indexerWith(embedder).run()).embedded).toBe(1)
    expect(sentTexts()).toEqual([TEXTS.later])
  })

  it('drops the vectors of deleted sessions and of sessions kept out of recall', async () => {
    await indexerWith(embedder).run()
    await storage.deleteSession('bank')
    await storage.updateSession('garden', {
      metadata: { memory: { excludeFromRecall: true } },
      updatedAt: '2026-03-02T00:00:00.000Z',
    })
    const pass = await indexerWith(embedder).run()
    expect(pass.removed).toBe(4)
    expect(await store.sessionIds()).toEqual(new Set(['private']))
    expect(
      await store.nearest(Float32Array.from(embedText(vectors, 'tomato')), { limit: 5 }),
    ).toEqual([])
  })

  it('a new embedding model empties the store and embeds everything again', async () => {
    await indexerWith(embedder).run()
    server.requests.length = 0
    const other = wordEmbedder('another-model')
    expect((await indexerWith(other).run()).embedded).toBe(4)
    expect((await store.space())?.key).toBe(other.key)
    expect(server.requests.every((r) => r.model === 'another-model')).toBe(true)
  })

  it('after writes, a pass looks only at the sessions written (a deleted one loses its vectors)', async () => {
    const indexer = new VectorIndexer({
      storage,
      vectors: async () => store,
      embedder: () => embedder,
      pauseMs: 0,
      delayMs: 10,
    })
    await indexer.run()
    server.requests.length = 0
    await storage.appendMessage(makeMessage('garden', { id: 'garden_m2', content: TEXTS.later }))
    await storage.deleteSession('bank')
    // Written behind the indexer's back, never reported: a scoped pass does not see it.
    await storage.appendMessage(makeMessage('private', { id: 'private_m1', content: 'Plain.' }))
    indexer.touched(['garden', 'bank'])
    await expect.poll(() => sentTexts(), { timeout: 5_000 }).toEqual([TEXTS.later])
    await expect
      .poll(async () => (await store.sessionIds()).has('bank'), { timeout: 5_000 })
      .toBe(false)
    expect(await store.messageIdsOf('private')).toEqual(new Set())
    // A full pass does.
    expect((await indexer.run()).embedded).toBe(1)
    expect(await store.messageIdsOf('private')).toEqual(new Set(['private_m1']))
    await indexer.stop()
  })

  it('without an embedder nothing is opened or sent', async () => {
    let opened = 0
    const indexer = new VectorIndexer({
      storage,
      vectors: async () => (opened++, store),
      embedder: () => null,
    })
    expect(await indexer.run()).toEqual({ embedded: 0, removed: 0, stopped: 'no-embedder' })
    expect(opened).toBe(0)
    expect(server.requests).toEqual([])
  })

  it('hybrid recall finds by meaning what keywords miss; without vectors it is lexical as before', async () => {
    await indexerWith(embedder).run()
    const semantic = new SemanticRecall({
      vectors: async () => store,
      embedder: () => embedder,
      minSimilarity: 0.3,
    })
    const base = { storage, query: 'garden vegetables', now: new Date(AT) }
    expect((await recall(base)).snippets).toEqual([])
    const hybrid = await recall({ ...base, semantic: { recall: semantic, waitMs: 5_000 } })
    expect(hybrid.snippets[0]?.sessionId).toBe('garden')
    const noVectors = new SemanticRecall({ vectors: async () => null, embedder: () => embedder })
    const lexical = await recall({ ...base, query: 'refinance mortgage' })
    const fallback = await recall({
      ...base,
      query: 'refinance mortgage',
      semantic: { recall: noVectors, waitMs: 5_000 },
    })
    expect(fallback).toEqual(lexical)
  })
})

describe('VectorIndexer against a provider that fails', () => {
  let hanging: LoopbackServer
  beforeEach(async () => {
    hanging = await startLoopback(openAiWire, [{ type: 'hang' }])
  })
  afterEach(() => hanging.close())

  const hangingEmbedder = (idleTimeoutMs: number): Embedder =>
    createEmbedder({
      kind: 'openai-compatible',
      label: 'Hanging',
      baseUrl: `${hanging.url}/v1`,
      model: 'm',
      getApiKey: async () => null,
      idleTimeoutMs,
    })

  it('a hang ends the pass with PROVIDER_TIMEOUT; recall answers lexically within its wait', async () => {
    const e = hangingEmbedder(300)
    const indexer = indexerWith(e)
    expect(await indexer.run()).toMatchObject({ embedded: 0, stopped: 'PROVIDER_TIMEOUT' })
    await indexer.stop()
    // Vectors of this model exist (from an earlier run with a healthy server): the query's
    // embedding is what hangs now.
    await store.reset({ key: e.key, dimension: 100 })
    const semantic = new SemanticRecall({ vectors: async () => store, embedder: () => e })
    const started = performance.now()
    const result = await recall({
      storage,
      query: 'refinance mortgage',
      semantic: { recall: semantic, waitMs: 8 },
    })
    expect(performance.now() - started).toBeLessThan(250)
    expect(result.snippets.map((s) => s.sessionId)).toEqual(['bank'])
  })

  it('stop() cancels a pass waiting on the provider', async () => {
    const indexer = indexerWith(hangingEmbedder(60_000))
    const pass = indexer.run()
    await new Promise((r) => setTimeout(r, 200))
    const started = performance.now()
    await indexer.stop()
    expect((await pass).stopped).toBe('CANCELLED')
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
