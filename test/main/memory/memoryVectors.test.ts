import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadWordVectors,
  startWordVectorServer,
  wordVectorEmbedder,
  words,
} from '../../../bench/wordVectorServer'
import type { EmbeddingServer } from '../../../bench/wordVectorServer'
import type { Embedder } from '../../../src/main/llm/embeddings/embedder'
import { MemoryVectors } from '../../../src/main/memory/memoryVectors'

const NOTES = Array.from({ length: 40 }, (_, i) => `Note ${i}: waters the tomato plants`)
const VIOLIN = 'My daughter plays the violin in the school orchestra'
const QUESTION = 'Any tips for her cello concert?'

let server: EmbeddingServer
beforeAll(async () => {
  server = await startWordVectorServer(loadWordVectors(words(`${NOTES[0]} ${VIOLIN} ${QUESTION}`)))
}, 120_000)
afterAll(() => server.close())

function cache(embedder: Embedder | null, texts: string[], timeoutMs?: number): MemoryVectors {
  return new MemoryVectors({
    embedder: () => embedder,
    texts: async () => texts,
    queryVector: async (e, text) => (await e.embed([text]))[0] ?? null,
    batchSize: 16,
    ...(timeoutMs !== undefined && { timeoutMs }),
  })
}

/** A server that reads requests and never answers them. */
async function silentServer(): Promise<{ url: string; close(): void }> {
  const sockets = new Set<Socket>()
  const s = http.createServer(() => undefined)
  s.on('connection', (socket) => sockets.add(socket))
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/v1`,
    close: () => {
      sockets.forEach((socket) => socket.destroy())
      s.close()
    },
  }
}

describe('MemoryVectors', () => {
  it('embeds in bounded batches, only what is missing, and ranks by meaning', async () => {
    server.requests.length = 0
    const vectors = cache(wordVectorEmbedder(server), [...NOTES, VIOLIN])
    await vectors.fill()
    expect(server.requests.map((r) => r.input.length)).toEqual([16, 16, 9])
    await vectors.fill()
    expect(server.requests).toHaveLength(3)
    expect(vectors.size).toBe(41)
    // No keyword in common: by keywords alone nothing comes first; by meaning the violin does.
    const order = await vectors.order([NOTES[0]!, VIOLIN], QUESTION)
    expect(order[0]).toBe(1)
  })

  it('clear() forgets everything, also what a fill under way brings back', async () => {
    const vectors = cache(wordVectorEmbedder(server), NOTES)
    await vectors.fill()
    expect(vectors.size).toBe(40)
    vectors.clear()
    expect(vectors.size).toBe(0)
    const filling = vectors.fill()
    vectors.clear()
    await filling
    expect(vectors.size).toBe(0)
  })

  it('a failing or silent embedder leaves the order to keywords, without an error', async () => {
    const missing = wordVectorEmbedder(server, 'no-such-model')
    const broken: Embedder = { ...missing, embed: () => Promise.reject(new Error('down')) }
    const failing = cache(broken, [VIOLIN])
    await failing.fill()
    expect(failing.size).toBe(0)
    expect(await failing.order([NOTES[0]!, VIOLIN], 'tomato')).toEqual([0])

    const silent = await silentServer()
    try {
      const hung = cache(
        {
          ...missing,
          embed: (texts) => wordVectorEmbedder({ ...server, baseUrl: silent.url }).embed(texts),
        },
        [VIOLIN],
        200,
      )
      const started = Date.now()
      await hung.fill()
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(hung.size).toBe(0)
    } finally {
      silent.close()
    }
  })

  it('without an embedder the order is exactly the keyword order', async () => {
    const vectors = cache(null, NOTES)
    await vectors.fill()
    expect(vectors.size).toBe(0)
    expect(await vectors.order([VIOLIN, NOTES[0]!, NOTES[1]!], 'tomato plants')).toEqual([1, 2])
  })
})
