import { afterAll, beforeAll, expect, it } from 'vitest'
import { recall } from '../../../../src/main/continuity/recall'
import { SemanticRecall } from '../../../../src/main/continuity/semantic/semanticRecall'
import { VectorIndexer } from '../../../../src/main/continuity/semantic/vectorIndexer'
import { PgVectorStore } from '../../../../src/main/storage/postgres/pgVectors'
import { openPostgresStorage } from '../../../../src/main/storage/postgres/postgresStorage'
import {
  loadWordVectors,
  startWordVectorServer,
  wordVectorEmbedder,
  words,
} from '../../../../bench/wordVectorServer'
import type { EmbeddingServer } from '../../../../bench/wordVectorServer'
import { describePostgres, uniqueName, useTestDatabase } from '../helpers/postgresDb'
import { makeMessage, makeSession } from '../helpers/fixtures'

const entry = (messageId: string, sessionId: string, vector: number[]) => ({
  messageId,
  sessionId,
  createdAt: '2026-01-01T00:00:00.000Z',
  vector: Float32Array.from(vector),
})

describePostgres('PostgreSQL: message vectors (pgvector, or the float4[] fallback)', () => {
  const url = useTestDatabase()
  let server: EmbeddingServer
  const TEXTS = ['Our beehive swarmed and we lost the queen.', 'The mortgage rate went up again.']

  beforeAll(async () => {
    server = await startWordVectorServer(
      loadWordVectors(words([...TEXTS, 'insects honey'].join(' '))),
    )
  }, 120_000)
  afterAll(() => server.close())

  it('stores, finds the nearest without excluded sessions, resets on a new model', async () => {
    const store = await PgVectorStore.open({ url: url(), schema: uniqueName('v') })
    try {
      // Debian's server has no pgvector: this run uses the fallback (CI images may differ).
      console.log(`pgvector available: ${store.pgvector}`)
      expect(await store.space()).toBeNull()
      await store.reset({ key: 'test m1', dimension: 3 })
      await store.put([
        entry('m-a', 's1', [1, 0, 0]),
        entry('m-b', 's2', [0.9, 0.1, 0]),
        entry('m-c', 's3', [0, 0, 1]),
      ])
      const hits = await store.nearest(Float32Array.from([1, 0.05, 0]), { limit: 2 })
      expect(hits.map((h) => h.messageId)).toEqual(['m-a', 'm-b'])
      expect(hits[0]!.similarity).toBeGreaterThan(0.99)
      const without = await store.nearest(Float32Array.from([1, 0.05, 0]), {
        limit: 5,
        excludeSessionIds: new Set(['s1']),
      })
      expect(without.map((h) => h.messageId)).toEqual(['m-b', 'm-c'])
      await store.markIndexed('s1', 'mark')
      expect(await store.sessionIds()).toEqual(new Set(['s1', 's2', 's3']))
      await store.removeSession('s1')
      expect(await store.indexedThrough('s1')).toBeNull()
      await store.remove(['m-b'])
      expect(await store.sessionIds()).toEqual(new Set(['s3']))
      await expect(store.put([entry('m-d', 's1', [1, 0])])).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      })
      await store.reset({ key: 'test m2', dimension: 2 })
      expect(await store.sessionIds()).toEqual(new Set())
      expect(await store.space()).toEqual({ key: 'test m2', dimension: 2 })
    } finally {
      await store.close()
    }
  })

  it('the indexer and hybrid recall work over the PostgreSQL backend', async () => {
    const schema = uniqueName('h')
    const storage = await openPostgresStorage({ url: url(), schema })
    const store = await PgVectorStore.open({ url: url(), schema })
    try {
      for (const [i, text] of TEXTS.entries()) {
        const session = makeSession({ id: `s${i}` })
        await storage.createSession(session)
        await storage.appendMessage(makeMessage(session.id, { id: `m${i}`, content: text }))
      }
      const embedder = wordVectorEmbedder(server, 'word-mean')
      const indexer = new VectorIndexer({
        storage,
        vectors: async () => store,
        embedder: () => embedder,
        pauseMs: 0,
      })
      expect(await indexer.run()).toEqual({ embedded: 2, removed: 0, stopped: null })
      const semantic = new SemanticRecall({
        vectors: async () => store,
        embedder: () => embedder,
        minSimilarity: 0.2,
      })
      const result = await recall({
        storage,
        query: 'insects honey',
        semantic: { recall: semantic, waitMs: 5_000 },
      })
      expect(result.snippets[0]?.messageId).toBe('m0')
      expect((await recall({ storage, query: 'insects honey' })).snippets).toEqual([])
    } finally {
      await store.close()
      await storage.close()
    }
  })
})
