import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SEMANTIC_WAIT_MS,
  recallContextSource,
} from '../../../src/main/continuity/recallContextSource'
import { SemanticRecall } from '../../../src/main/continuity/semantic/semanticRecall'
import { VectorIndexer } from '../../../src/main/continuity/semantic/vectorIndexer'
import type { Embedder } from '../../../src/main/llm/embeddings/embedder'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { openSqliteVectorStore } from '../../../src/main/storage/sqlite/vectors/sqliteVectorStore'
import type { SqliteVectorStore } from '../../../src/main/storage/sqlite/vectors/sqliteVectorStore'
import { makeMessage, makeSession } from '../../../src/testing/fixtures'
import {
  loadWordVectors,
  startWordVectorServer,
  wordVectorEmbedder,
  words,
} from '../../../bench/wordVectorServer'
import type { EmbeddingServer } from '../../../bench/wordVectorServer'
import { tempDir } from './helpers/temp'

const PAST = 'Our beehive swarmed in May and we had to find a new queen for the colony.'
const QUESTION = 'Which insects make honey for us?'
const EMBED_DELAY_MS = 150

let server: EmbeddingServer
let temp: { dir: string; cleanup(): void }
let storage: SqliteStorage
let store: SqliteVectorStore
let embedder: Embedder
const queries: string[] = []

beforeAll(async () => {
  server = await startWordVectorServer(loadWordVectors(words(`${PAST} ${QUESTION}`)))
  temp = tempDir('amos-semantic-source-')
  storage = await openSqliteStorage(path.join(temp.dir, 'activemirror.db'))
  store = openSqliteVectorStore(path.join(temp.dir, 'vectors.db'))
  const past = makeSession({ id: 'bees', title: 'Bees' })
  await storage.importSession(past, [makeMessage(past.id, { id: 'bees_1', content: PAST })])
  await storage.createSession(makeSession({ id: 'today', title: 'Today' }))
  const plain = wordVectorEmbedder(server)
  await new VectorIndexer({ storage, vectors: async () => store, embedder: () => plain }).run()
  // A model that takes longer than a turn may wait (a local model, a busy machine).
  embedder = {
    ...plain,
    embed: async (texts, signal) => {
      queries.push(...texts)
      await new Promise((resolve) => setTimeout(resolve, EMBED_DELAY_MS))
      return plain.embed(texts, signal)
    },
  }
}, 120_000)
afterAll(async () => {
  await store.close()
  await storage.close()
  await server.close()
  temp.cleanup()
})

describe('recall context source with semantic recall', () => {
  it('a turn waits only its share of the budget for the query vector, then recalls lexically', async () => {
    const source = recallContextSource({
      storage,
      semantic: new SemanticRecall({
        vectors: async () => store,
        embedder: () => embedder,
        minSimilarity: 0.3,
      }),
    })
    const session = await storage.getSession('today')
    const started = performance.now()
    const turn = { session, userMessage: makeMessage('today', { content: QUESTION }) }
    expect(await source.contribute(turn)).toBeNull()
    expect(performance.now() - started).toBeLessThan(EMBED_DELAY_MS)
    expect(SEMANTIC_WAIT_MS).toBeLessThan(EMBED_DELAY_MS)
  })

  it('a draft is embedded ahead: the message sent finds the past session by meaning', async () => {
    queries.length = 0
    const source = recallContextSource({
      storage,
      semantic: new SemanticRecall({
        vectors: async () => store,
        embedder: () => embedder,
        minSimilarity: 0.3,
      }),
    })
    const session = await storage.getSession('today')
    const turn = { session, userMessage: makeMessage('today', { content: QUESTION }) }
    source.prepare!({ session, text: QUESTION })
    await expect.poll(() => source.ready!(turn), { timeout: 5_000 }).toBe(true)
    const contribution = await source.contribute(turn)
    expect(contribution?.used.map((u) => u.sessionId)).toEqual(['bees'])
    expect(contribution?.systemText).toContain('beehive')
    expect(queries).toEqual([QUESTION])
  })
})
