import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { ChatProvider } from '../src/main/llm/provider'
import { ProviderRegistry } from '../src/main/llm/providerRegistry'
import { createMirror } from '../src/main/mirror'
import { SQLITE_FILE_NAME } from '../src/main/paths'
import { benchSessionId, ensureCorpus, prng, textMaker } from './recallCorpus'
import { median, percentile } from './stats'
import { report } from './summary'

/**
 * Issue 15: first token added by the app at 1 000 000 messages. The real core (createMirror:
 * SQLite, continuity log, vault layer, recall and memories on) over a copy of the recall
 * bench's 1M corpus shape, with an OpenAI-compatible provider pointing at a loopback server that runs
 * in its own thread and stamps when each request arrives.
 *   - app: chat.send called → the provider server has the request;
 *   - raw baseline: the same provider's stream() called with the request the app sent → the
 *     server has it (the HTTP client and loopback alone), one right after each app turn.
 * "Added by the app" is app minus raw, per turn. Target: median < 10 ms. Measured twice: as
 * typed in the composer (its context meter estimates the draft first, which lets recall start
 * early) and as sent with no draft (the CLI, an SDK caller).
 */

const MESSAGES = Number(process.env.AMOS_RECALL_BENCH_MESSAGES ?? 1_000_000)
const PER_SESSION = 50
const TURNS = 40
const WARMUP = 5
const TARGET_MEDIAN_MS = 10
/** Between the meter's last estimate and Enter: shorter than most people's pause. */
const DRAFT_PAUSE_MS = 100
/** Between one turn's reply and the next send. */
const REPLY_GAP_MS = 100

const wallNow = (): number => performance.timeOrigin + performance.now()
const ms = (value: number): string => `${value.toFixed(2)} ms`

/**
 * In its own thread, so a busy core thread cannot delay the stamp: each request's arrival time
 * is posted back (keyed by the order of arrival) and the reply is one short SSE delta.
 */
const SERVER = `
const http = require('node:http')
const { parentPort } = require('node:worker_threads')
const now = () => performance.timeOrigin + performance.now()
const chunk = (delta, finish) => 'data: ' + JSON.stringify({ id: 'b', object: 'chat.completion.chunk',
  created: 1760000000, model: 'bench-model', choices: [{ index: 0, delta, finish_reason: finish }] }) + '\\n\\n'
const server = http.createServer((req, res) => {
  const arrived = now()
  req.resume()
  req.on('end', () => {
    parentPort.postMessage({ arrived })
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(chunk({ content: 'ok' }, null))
    res.write(chunk({}, 'stop'))
    res.end('data: [DONE]\\n\\n')
  })
})
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }))
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)) })
`

interface StampServer {
  baseUrl: string
  /** Resolves with the arrival time of the next request the server receives. */
  nextArrival(): Promise<number>
  close(): Promise<void>
}

async function startServer(): Promise<StampServer> {
  const worker = new Worker(SERVER, { eval: true })
  const arrivals: number[] = []
  const waiting: Array<(at: number) => void> = []
  const port = await new Promise<number>((resolve) => {
    worker.on('message', (m: { port?: number; arrived?: number }) => {
      if (m.port !== undefined) resolve(m.port)
      if (m.arrived === undefined) return
      const waiter = waiting.shift()
      if (waiter) waiter(m.arrived)
      else arrivals.push(m.arrived)
    })
  })
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    nextArrival: () => {
      const ready = arrivals.shift()
      return ready !== undefined
        ? Promise.resolve(ready)
        : new Promise((resolve) => waiting.push(resolve))
    },
    close: async () => {
      worker.postMessage('close')
      await new Promise((resolve) => worker.once('exit', resolve))
    },
  }
}

/**
 * A real reply streams for a second or more before the next message can be sent; the stamp
 * server answers at once, so the gap is made here (a turn's background work settles in it).
 */
const replyGap = () => new Promise((resolve) => setTimeout(resolve, REPLY_GAP_MS))

async function drain(provider: ChatProvider, request: Parameters<ChatProvider['stream']>[0]) {
  for await (const delta of provider.stream(request, new AbortController().signal)) void delta
}

export async function run(): Promise<void> {
  // Its own corpus (same shape as the recall bench's): other branches' benches may hold a copy
  // of that one at a different schema under the same version number.
  const corpusDir = path.join(os.tmpdir(), 'amos-first-token-bench')
  fs.mkdirSync(corpusDir, { recursive: true })
  const corpus = path.join(corpusDir, `corpus-v1-${MESSAGES}.db`)
  if (ensureCorpus(corpus, { messages: MESSAGES, perSession: PER_SESSION }, console.log) > 0) {
    console.log(`built ${MESSAGES.toLocaleString('en')} messages (${corpus})`)
  }
  // The turns write to the store: a copy keeps the shared corpus as the other benches expect it.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-first-token-'))
  fs.copyFileSync(corpus, path.join(dataDir, SQLITE_FILE_NAME))
  const server = await startServer()
  const mirror = await createMirror({ dataDir, storage: 'sqlite' })
  try {
    await mirror.providerSettings.add({
      id: 'bench',
      type: 'openai-compatible',
      baseUrl: server.baseUrl,
      model: 'bench-model',
    })
    const provider = mirror.providers.get('bench')
    // Registered in its place, it keeps the request the app made, for the raw baseline.
    let lastRequest: Parameters<ChatProvider['stream']>[0] | null = null
    const registry = mirror.providers
    if (!(registry instanceof ProviderRegistry)) throw new Error('unexpected provider registry')
    registry.register({
      id: provider.id,
      kind: provider.kind,
      label: provider.label,
      defaultModel: provider.defaultModel,
      contextWindow: provider.contextWindow,
      prepare: () => provider.prepare?.(),
      stream: (request, signal) => {
        lastRequest = request
        return provider.stream(request, signal)
      },
    })
    const text = textMaker(77)
    const random = prng(21)
    const sessions = Math.ceil(MESSAGES / PER_SESSION)
    const turnOnce = async (drafted: boolean) => {
      // Sessions the corpus excludes from recall (every 97th) are skipped: recall is on here.
      let index = Math.floor(random() * sessions)
      if (index % 97 === 0) index += 1
      const input = {
        sessionId: benchSessionId(index),
        text: text.sentence(6, 30),
        pattern: 'exploratory',
        uncertainty: 'none',
        providerId: 'bench',
      } as const
      if (drafted) {
        // What the composer's meter asks 250 ms after the last keystroke, before Enter.
        await mirror.chatContext.estimate(input)
        await new Promise((resolve) => setTimeout(resolve, DRAFT_PAUSE_MS))
      }
      const arrival = server.nextArrival()
      const started = wallNow()
      const sent = await mirror.chat.send(input)
      const appMs = (await arrival) - started
      const outcome = await sent.completion
      if (!outcome.message) throw new Error(`turn failed: ${JSON.stringify(outcome.error)}`)
      const recalled = outcome.message.metadata.contextSources?.some((s) => s.kind === 'recall')

      await replyGap()
      // The same request, straight to the provider: what the HTTP client and loopback take.
      const request = lastRequest
      if (!request) throw new Error('the provider was not called')
      const rawArrival = server.nextArrival()
      const rawStarted = wallNow()
      const direct = drain(provider, request)
      const rawMs = (await rawArrival) - rawStarted
      await direct
      await replyGap()
      return { appMs, rawMs, recalled: recalled === true }
    }

    for (const drafted of [true, false]) {
      const app: number[] = []
      const raw: number[] = []
      let recalled = 0
      for (let turn = 0; turn < TURNS + WARMUP; turn++) {
        const figures = await turnOnce(drafted)
        if (turn < WARMUP) continue
        app.push(figures.appMs)
        raw.push(figures.rawMs)
        if (figures.recalled) recalled++
      }
      const added = app.map((a, i) => a - raw[i]!)
      const addedMedian = median(added)
      const met = addedMedian < TARGET_MEDIAN_MS
      const how = drafted ? 'typed in the composer' : 'sent with no draft (amos send)'
      console.log(
        `first token added by the app at ${MESSAGES.toLocaleString('en')} messages, ${how} ` +
          `(${TURNS} turns, recall on, realistic text): ` +
          `median ${ms(addedMedian)}, p90 ${ms(percentile(added, 90))}; ` +
          `app ${ms(median(app))}, raw provider request ${ms(median(raw))}, ` +
          `ratio ${(median(app) / median(raw)).toFixed(2)}; ` +
          `target < ${TARGET_MEDIAN_MS} ms median — ${met ? 'MET' : 'MISSED'}; ` +
          `recall given in ${recalled}/${TURNS} turns`,
      )
      report({
        figure: `first token added by the app, ${MESSAGES.toLocaleString('en')} messages, ${drafted ? 'typed' : 'no draft'}, median`,
        app: ms(median(app)),
        raw: ms(median(raw)),
        ratio: median(app) / median(raw),
        target: `app − raw < ${TARGET_MEDIAN_MS} ms (${ms(addedMedian)})`,
        met,
      })
    }
  } finally {
    await mirror.close()
    await server.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
