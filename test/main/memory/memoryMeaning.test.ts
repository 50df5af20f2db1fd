import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadWordVectors, startWordVectorServer, words } from '../../../bench/wordVectorServer'
import type { EmbeddingServer } from '../../../bench/wordVectorServer'
import type { Mirror } from '../../../src/main/mirrorApi'
import Database from '../../../src/main/sqlite/driver'
import { continuityMirror, say } from '../continuity/helpers/mirror'
import type { ContinuityMirror } from '../continuity/helpers/mirror'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { openAiWire } from '../llm/servers/wires'
import { outwardAddress, systemOf } from './helpers/wire'

// Every memory line is LINE long (the padding is no known word): 20 fill the 8000 characters
// exactly, so one left out has no room left to slip in after the others.
const LINE = 400
const padded = (text: string, tag: string): string => {
  const head = `${text} (ref ${tag}`
  return `${head}${'x'.repeat(LINE - 2 - head.length - 1)})`
}
// No keyword in common with the question, close to it in meaning.
const RELEVANT = padded('My daughter plays the violin in the school orchestra', 'r')
const QUESTION = 'Any tips for her cello concert?'
const TOPICS = [
  'Renewed the car insurance policy in March',
  'Keeps receipts for the tax return in a blue folder',
  'Waters the tomato plants every evening',
  'Drives a diesel hatchback with a roof rack',
  'Pays the electricity bill by direct debit',
  'Grows basil and mint on the kitchen windowsill',
  'Prefers aisle seats on long flights',
]
const FILLERS = Array.from({ length: 28 }, (_, i) => padded(TOPICS[i % TOPICS.length]!, `q${i}`))

/** One local OpenAI-compatible address: embeddings from the word vectors, chat from `chat`. */
async function localServer(embeddings: EmbeddingServer, chat: LoopbackServer, host: string) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const base = req.url === '/v1/embeddings' ? embeddings.baseUrl.slice(0, -3) : chat.url
      void fetch(`${base}${req.url}`, {
        method: req.method ?? 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(chunks),
      }).then(async (reply) => {
        res.writeHead(reply.status, {
          'content-type': reply.headers.get('content-type') ?? 'application/json',
        })
        for await (const chunk of reply.body!) res.write(chunk)
        res.end()
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let vectors: EmbeddingServer
let chat: LoopbackServer
let fx: ContinuityMirror | null = null
let front: { url: string; close(): Promise<void> } | null = null

beforeAll(async () => {
  vectors = await startWordVectorServer(
    loadWordVectors(words([RELEVANT, QUESTION, ...TOPICS].join(' '))),
  )
}, 120_000)
afterAll(() => vectors.close())
afterEach(async () => {
  await fx?.cleanup()
  await front?.close()
  await chat?.close()
  fx = null
  front = null
  vectors.requests.length = 0
})

/** A vault of memories over the budget, the relevant one the oldest (so the last by date). */
async function mirrorWithMemories(host = '127.0.0.1'): Promise<Mirror> {
  fx = await continuityMirror('sqlite', { contextSourceBudgetMs: 5_000 })
  const { mirror } = fx
  await mirror.vault.init('memory meaning pw')
  await mirror.memory.add(RELEVANT)
  for (const text of FILLERS) await mirror.memory.add(text)
  chat = await startLoopback(openAiWire, [{ type: 'stream', texts: ['Noted.'] }], { host })
  front = await localServer(vectors, chat, host)
  return mirror
}

async function useProvider(mirror: Mirror, embeddingModel?: string): Promise<void> {
  await mirror.providerSettings.add({
    id: 'here',
    type: 'openai-compatible',
    label: 'Here',
    model: 'chat-1',
    baseUrl: front!.url,
    contextWindow: 32_000,
    ...(embeddingModel && { embeddingModel }),
  })
  await mirror.providerSettings.setDefault('here')
}

const embedded = (): string[] => vectors.requests.flatMap((r) => r.input)

/** Asks QUESTION once its draft was estimated (its vector computed ahead, as the composer does). */
async function ask(mirror: Mirror): Promise<{ system: string; used: string[] }> {
  const session = await mirror.sessions.create({ title: 'Music' })
  const draft = { sessionId: session.id, text: QUESTION, pattern: 'exploratory' as const }
  await mirror.chatContext.estimate({ ...draft, uncertainty: 'none' })
  if (vectors.requests.length > 0) {
    await expect.poll(embedded, { timeout: 15_000 }).toContain(QUESTION)
  }
  const turn = await say(mirror, session.id, QUESTION)
  expect(turn.error).toBeNull()
  const used = (turn.message!.metadata.contextSources ?? [])
    .filter((u) => u.kind === 'memory')
    .map((u) => u.id)
  return { system: systemOf(chat), used }
}

const idOf = async (mirror: Mirror, text: string): Promise<string> =>
  (await mirror.memory.list()).find((m) => m.text === text)!.id

describe('memory selection by meaning', () => {
  it('gives the model the memory closest in meaning when they do not all fit', async () => {
    const mirror = await mirrorWithMemories()
    const filesBefore = (fs.readdirSync(fx!.dir, { recursive: true }) as string[]).sort()
    await useProvider(mirror, 'word-mean')
    // Filled in the background as soon as the default provider can embed.
    await expect.poll(embedded, { timeout: 15_000 }).toContain(`- ${RELEVANT}`)
    const { system, used } = await ask(mirror)
    expect(system).toContain(`- ${RELEVANT}`)
    expect(used).toContain(await idOf(mirror, RELEVANT))
    // Not every memory fit: the selection did choose.
    expect(used.length).toBeLessThan(FILLERS.length + 1)
    // The memories' vectors are in memory only: the one vector file is recall's, of messages.
    const added = (fs.readdirSync(fx!.dir, { recursive: true }) as string[]).filter(
      (f) => !filesBefore.includes(f),
    )
    expect(added.filter((f) => !/^(providers\.json|vectors\.db(-wal|-shm)?)$/.test(f))).toEqual([])
    const db = new Database(path.join(fx!.dir, 'vectors.db'), { readonly: true })
    const rows = db.prepare('SELECT message_id AS id FROM vector_messages').all() as Array<{
      id: string
    }>
    db.close()
    for (const { id } of rows) expect(await mirror.storage.getMessage(id)).not.toBeNull()
  })

  it('without an embedder the same question gets the newest memories, not that one', async () => {
    const mirror = await mirrorWithMemories()
    await useProvider(mirror)
    const { system, used } = await ask(mirror)
    expect(system).toContain(FILLERS.at(-1)!)
    expect(system).not.toContain(RELEVANT)
    expect(used).not.toContain(await idOf(mirror, RELEVANT))
    expect(vectors.requests).toEqual([])
  })

  it('forgets the vectors when the vault locks and fills them again after it unlocks', async () => {
    const mirror = await mirrorWithMemories()
    await useProvider(mirror, 'word-mean')
    mirror.vault.lock()
    await mirror.vault.unlock('memory meaning pw')
    await expect.poll(embedded, { timeout: 15_000 }).toContain(`- ${RELEVANT}`)
    const before = vectors.requests.length
    mirror.vault.lock()
    await mirror.vault.unlock('memory meaning pw')
    // Nothing was kept across the lock: all of them are embedded again.
    await expect
      .poll(() => vectors.requests.slice(before).flatMap((r) => r.input), { timeout: 15_000 })
      .toContain(`- ${RELEVANT}`)
    const { system } = await ask(mirror)
    expect(system).toContain(`- ${RELEVANT}`)
  })

  it('a cloud provider with "Send memories only to local models" on gets no memory to embed', async () => {
    const mirror = await mirrorWithMemories(outwardAddress())
    await mirror.memory.setPrivacy({ localOnly: true })
    await useProvider(mirror, 'word-mean')
    const session = await mirror.sessions.create({ title: 'Music' })
    const turn = await say(mirror, session.id, QUESTION)
    expect(turn.error).toBeNull()
    expect(systemOf(chat)).not.toContain(RELEVANT)
    mirror.vault.lock()
    await mirror.vault.unlock('memory meaning pw')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(vectors.requests).toEqual([])
    // Once memories may leave the machine, the same provider embeds them.
    await mirror.memory.setPrivacy({ localOnly: false })
    await say(mirror, session.id, QUESTION)
    await expect.poll(embedded, { timeout: 15_000 }).toContain(`- ${RELEVANT}`)
  })
})
