import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recall } from '../../../src/main/continuity/recall'
import { recallContextSource } from '../../../src/main/continuity/recallContextSource'
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

const QUESTION = 'Which insects make honey for us?'
/** Each past session, and how recall should find it for QUESTION. */
const PAST = {
  // No word in common with the question: only its meaning can find it.
  bees: 'Our beehive swarmed in May and we had to find a new queen for the colony.',
  // Shares the question's words and its meaning.
  insects: 'Bees are insects that make honey from the nectar of flowers.',
  // Shares a word, nothing else.
  mortgage:
    'Honey, the mortgage payment to the bank is due Tuesday; the accountant wants the tax invoice, the loan statement and the payroll spreadsheet.',
}

let server: EmbeddingServer
let temp: { dir: string; cleanup(): void }
let storage: SqliteStorage
let store: SqliteVectorStore
let embedder: Embedder

beforeAll(async () => {
  server = await startWordVectorServer(
    loadWordVectors(words(`${Object.values(PAST).join(' ')} ${QUESTION}`)),
  )
  temp = tempDir('amos-recall-match-')
  storage = await openSqliteStorage(path.join(temp.dir, 'activemirror.db'))
  store = openSqliteVectorStore(path.join(temp.dir, 'vectors.db'))
  for (const [id, content] of Object.entries(PAST)) {
    const session = makeSession({ id, title: id })
    await storage.importSession(session, [makeMessage(id, { id: `${id}_1`, content })])
  }
  await storage.createSession(makeSession({ id: 'today', title: 'Today' }))
  embedder = wordVectorEmbedder(server)
  await new VectorIndexer({ storage, vectors: async () => store, embedder: () => embedder }).run()
}, 120_000)
afterAll(async () => {
  await store.close()
  await storage.close()
  await server.close()
  temp.cleanup()
})

// Averaged word vectors put any two sentences near 0.5; with these texts the question's cosine
// is 0.80 (insects), 0.65 (bees) and 0.55 (mortgage), so 0.6 separates meaning from chance.
const semantic = () =>
  new SemanticRecall({ vectors: async () => store, embedder: () => embedder, minSimilarity: 0.6 })

describe('how recall found each snippet', () => {
  it('says keywords, meaning or both per snippet', async () => {
    const { snippets } = await recall({
      storage,
      query: QUESTION,
      excludeSessionId: 'today',
      semantic: { recall: semantic(), waitMs: 5_000 },
    })
    expect(Object.fromEntries(snippets.map((s) => [s.sessionId, s.match]))).toEqual({
      bees: 'meaning',
      insects: 'both',
      mortgage: 'keywords',
    })
  })

  it('is keywords for every snippet when there are no vectors', async () => {
    const { snippets } = await recall({ storage, query: QUESTION, excludeSessionId: 'today' })
    expect(snippets.map((s) => [s.sessionId, s.match]).sort()).toEqual([
      ['insects', 'keywords'],
      ['mortgage', 'keywords'],
    ])
  })

  it('reaches the reply as the recall use', async () => {
    const source = recallContextSource({ storage, semantic: semantic() })
    const session = await storage.getSession('today')
    const turn = { session, userMessage: makeMessage('today', { content: QUESTION }) }
    source.prepare!({ session, text: QUESTION })
    await expect.poll(() => source.ready!(turn), { timeout: 5_000 }).toBe(true)
    const used = (await source.contribute(turn))?.used ?? []
    expect(Object.fromEntries(used.map((u) => [u.sessionId, u.match]))).toEqual({
      bees: 'meaning',
      insects: 'both',
      mortgage: 'keywords',
    })
  })
})
