import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rankTexts } from '../../../src/main/continuity/semantic/hybridRank'
import { createEmbedder } from '../../../src/main/llm/embeddings/embedder'
import type { Embedder } from '../../../src/main/llm/embeddings/embedder'
import {
  loadWordVectors,
  startWordVectorServer,
  wordVectorEmbedder,
  words,
} from '../../../bench/wordVectorServer'
import type { EmbeddingServer } from '../../../bench/wordVectorServer'
import { startLoopback } from '../llm/servers/loopback'
import { openAiWire } from '../llm/servers/wires'

const MEMORIES = [
  'Prefers tea over coffee in the morning',
  'Allergic to peanuts and shellfish',
  'Daughter plays violin in the school orchestra',
  'Works as a nurse on night shifts',
]

let server: EmbeddingServer
let embedder: Embedder

beforeAll(async () => {
  const query = 'Which foods make me sick? Any music lessons for my kid?'
  server = await startWordVectorServer(loadWordVectors(words([query, ...MEMORIES].join(' '))))
  embedder = wordVectorEmbedder(server, 'word-mean')
}, 120_000)
afterAll(() => server.close())

describe('rankTexts (memory selection)', () => {
  it('without an embedder: keyword matches only, most keywords first', async () => {
    expect(await rankTexts(MEMORIES, 'coffee or tea tomorrow morning?')).toEqual([0])
    expect(await rankTexts(MEMORIES, 'night shifts at work, and the orchestra')).toEqual([3, 2])
    expect(await rankTexts(MEMORIES, 'hello')).toEqual([])
  })

  it('with an embedder: finds by meaning what no keyword matches, in one request', async () => {
    const before = server.requests.length
    const ranked = await rankTexts(MEMORIES, 'Which violin teacher should my daughter see?', {
      embedder,
    })
    expect(ranked[0]).toBe(2)
    const byMeaning = await rankTexts(MEMORIES, 'Any music lessons for my kid?', {
      embedder,
      minSimilarity: 0.3,
    })
    expect(await rankTexts(MEMORIES, 'Any music lessons for my kid?')).toEqual([])
    expect(byMeaning[0]).toBe(2)
    expect(server.requests.length - before).toBe(2)
    expect(server.requests.at(-1)!.input).toEqual(['Any music lessons for my kid?', ...MEMORIES])
  })

  it('an embedder that hangs leaves the keyword ranking, within the wait', async () => {
    const hanging = await startLoopback(openAiWire, [{ type: 'hang' }])
    try {
      const slow = createEmbedder({
        kind: 'openai-compatible',
        label: 'Hanging',
        baseUrl: `${hanging.url}/v1`,
        model: 'm',
        getApiKey: async () => null,
      })
      const started = performance.now()
      const ranked = await rankTexts(MEMORIES, 'peanuts allergy', { embedder: slow, waitMs: 50 })
      expect(ranked).toEqual([1])
      expect(performance.now() - started).toBeLessThan(1_000)
    } finally {
      await hanging.close()
    }
  })
})
