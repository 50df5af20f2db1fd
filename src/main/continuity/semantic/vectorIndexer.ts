import type { Message, Session } from '../../../shared/domain'
import { isMirrorError } from '../../../shared/errors'
import type { Embedder } from '../../llm/embeddings/embedder'
import type { Storage } from '../../storage/storage'
import type { VectorStore } from '../../storage/vectorStore'
import { isRecallable } from '../memorySettings'
import { isTemporarySession } from '../temporaryChat'

export interface VectorIndexerOptions {
  storage: Pick<Storage, 'listSessions' | 'listMessages' | 'getSession'>
  /** The store to write to; null while none can be opened (encrypted history, vault locked). */
  vectors(): Promise<VectorStore | null>
  /** The embedder allowed to see past conversations now; null: nothing is embedded. */
  embedder(): Embedder | null
  /** Texts per embedding request (default 32). */
  batchSize?: number
  /** Pause between requests, bounding the rate (default 250 ms). */
  pauseMs?: number
  /** Wait after a write before a pass starts, so a burst of writes makes one pass (default 2 s). */
  delayMs?: number
  /** Wait before trying again after a provider error (default 60 s). */
  retryMs?: number
  /** Longest text embedded per message, in characters (default 2000). */
  maxChars?: number
}

export interface IndexPass {
  embedded: number
  removed: number
  /** Why the pass stopped early, if it did: 'no-embedder', 'no-store', 'cancelled', an error code. */
  stopped: string | null
}

const SESSION_PAGE = 100
const MESSAGE_PAGE = 500

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

async function* everySession(storage: VectorIndexerOptions['storage']): AsyncIterable<Session> {
  let cursor: string | null = null
  do {
    const page = await storage.listSessions({ archived: 'all', limit: SESSION_PAGE, cursor })
    yield* page.items
    cursor = page.nextCursor
  } while (cursor)
}

/** The session's current path, oldest first. */
async function pathOf(storage: VectorIndexerOptions['storage'], id: string): Promise<Message[]> {
  const pages: Message[][] = []
  let before: string | null = null
  for (;;) {
    const page = await storage.listMessages(id, { limit: MESSAGE_PAGE, before })
    pages.push(page.items)
    if (!page.hasOlder || page.items.length === 0) return pages.reverse().flat()
    before = page.items[0]!.id
  }
}

/**
 * What a session looked like when it was indexed: a write that adds or removes messages changes
 * the count even where the backend leaves `updatedAt` alone.
 */
const indexMark = (session: Session): string => `${session.updatedAt} ${session.messageCount}`

async function forget(store: VectorStore, sessionId: string): Promise<number> {
  const had = (await store.messageIdsOf(sessionId)).size
  await store.removeSession(sessionId)
  return had
}

interface PassState {
  embedder: Embedder
  store: VectorStore
  /** True until the store holds this embedder's vectors. */
  stale: boolean
  signal: AbortSignal
  result: IndexPass
}

const embeddable = (m: Message): boolean => !m.sensitive && m.content.trim().length > 0

/**
 * Embeds stored messages in the background, after they are written: never on a send's path.
 * A pass after writes looks at the sessions written (`touched`); a full pass (at start, after an
 * error, `run()`) walks every session, newest first, and skips each one unchanged since it was
 * indexed (same `updatedAt` and message count), so it resumes where it stopped after a restart. Sensitive messages, sessions
 * kept out of recall and temporary chats are never embedded (nor sent to the provider); their
 * vectors, and those of deleted messages and sessions, are removed. A provider error or timeout
 * ends the pass (lexical recall is unaffected) and the next one starts after `retryMs`.
 */
export class VectorIndexer {
  private readonly batchSize: number
  private readonly pauseMs: number
  private readonly delayMs: number
  private readonly retryMs: number
  private readonly maxChars: number
  private timer: NodeJS.Timeout | null = null
  private running: Promise<IndexPass> | null = null
  /** What the next pass looks at: the sessions written since the last one, or every session. */
  private dirty: Set<string> | 'all' = 'all'
  private controller: AbortController | null = null
  private stopped = false

  constructor(private readonly options: VectorIndexerOptions) {
    this.batchSize = options.batchSize ?? 32
    this.pauseMs = options.pauseMs ?? 250
    this.delayMs = options.delayMs ?? 2_000
    this.retryMs = options.retryMs ?? 60_000
    this.maxChars = options.maxChars ?? 2_000
  }

  /** A pass over every session soon (at start, after an error). */
  poke(delayMs = this.delayMs): void {
    this.dirty = 'all'
    this.schedule(delayMs)
  }

  /** These sessions were written: a pass over them starts soon (one for a burst of writes). */
  touched(sessionIds: readonly string[]): void {
    if (this.dirty !== 'all') for (const id of sessionIds) this.dirty.add(id)
    this.schedule(this.delayMs)
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.timer || this.running) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.runScoped()
    }, delayMs)
    this.timer.unref?.()
  }

  /** A pass over every session now (after the one under way). Never throws. */
  async run(): Promise<IndexPass> {
    this.dirty = 'all'
    return this.runScoped()
  }

  private async runScoped(): Promise<IndexPass> {
    while (this.running) await this.running.catch(() => undefined)
    if (this.stopped) return { embedded: 0, removed: 0, stopped: 'cancelled' }
    const scope = this.dirty
    this.dirty = new Set()
    const controller = new AbortController()
    this.controller = controller
    this.running = this.pass(scope, controller.signal).catch((error: unknown) => ({
      embedded: 0,
      removed: 0,
      stopped: isMirrorError(error) ? error.code : 'INTERNAL',
    }))
    const result = await this.running
    this.running = null
    this.controller = null
    // Sessions a pass could not finish stay to do (no store while locked, no embedder yet).
    if (result.stopped !== null && result.stopped !== 'cancelled') this.keep(scope)
    if (result.stopped?.startsWith('PROVIDER_')) this.schedule(this.retryMs)
    else if (result.stopped === null && this.pending()) this.schedule(this.delayMs)
    return result
  }

  private keep(scope: Set<string> | 'all'): void {
    if (scope === 'all' || this.dirty === 'all') this.dirty = 'all'
    else for (const id of scope) this.dirty.add(id)
  }

  private pending(): boolean {
    return this.dirty === 'all' || this.dirty.size > 0
  }

  /** Cancels the pass under way and any planned; waits for it to end. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.controller?.abort()
    await this.running?.catch(() => undefined)
  }

  private async pass(scope: Set<string> | 'all', signal: AbortSignal): Promise<IndexPass> {
    const result: IndexPass = { embedded: 0, removed: 0, stopped: null }
    const embedder = this.options.embedder()
    if (!embedder) return { ...result, stopped: 'no-embedder' }
    const store = await this.options.vectors()
    if (!store) return { ...result, stopped: 'no-store' }
    // Another model's vectors are useless: the first batch resets the store to this one, and
    // every session must then be embedded again.
    const run: PassState = {
      embedder,
      store,
      stale: (await store.space())?.key !== embedder.key,
      signal,
      result,
    }
    if (scope !== 'all' && !run.stale) {
      for (const id of scope) {
        if (signal.aborted) return { ...result, stopped: 'cancelled' }
        const session = await this.options.storage.getSession(id).catch((error: unknown) => {
          if (isMirrorError(error) && error.code === 'NOT_FOUND') return null
          throw error
        })
        if (session) await this.indexSession(session, run)
        else result.removed += await forget(store, id)
      }
      return signal.aborted ? { ...result, stopped: 'cancelled' } : result
    }
    const seen = new Set<string>()
    for await (const session of everySession(this.options.storage)) {
      if (signal.aborted) return { ...result, stopped: 'cancelled' }
      seen.add(session.id)
      await this.indexSession(session, run)
    }
    if (signal.aborted) return { ...result, stopped: 'cancelled' }
    for (const id of await store.sessionIds()) {
      if (!seen.has(id)) result.removed += await forget(store, id)
    }
    return result
  }

  /** Brings one session's vectors up to date (or removes them when it is not recallable). */
  private async indexSession(session: Session, run: PassState): Promise<void> {
    const { store, embedder, signal, result } = run
    if (!isRecallable(session) || isTemporarySession(session)) {
      result.removed += await forget(store, session.id)
      return
    }
    const mark = indexMark(session)
    if (!run.stale && (await store.indexedThrough(session.id)) === mark) return
    const messages = await pathOf(this.options.storage, session.id)
    const had = run.stale ? new Set<string>() : await store.messageIdsOf(session.id)
    const wanted = new Set(messages.filter(embeddable).map((m) => m.id))
    const gone = [...had].filter((id) => !wanted.has(id))
    if (gone.length > 0) {
      await store.remove(gone)
      result.removed += gone.length
    }
    const todo = messages.filter((m) => wanted.has(m.id) && !had.has(m.id))
    for (let at = 0; at < todo.length; at += this.batchSize) {
      if (signal.aborted) return
      const batch = todo.slice(at, at + this.batchSize)
      const vectors = await embedder.embed(
        batch.map((m) => m.content.slice(0, this.maxChars)),
        signal,
      )
      if (run.stale) {
        await store.reset({ key: embedder.key, dimension: vectors[0]!.length })
        run.stale = false
      }
      await store.put(
        batch.map((m, i) => ({
          messageId: m.id,
          sessionId: m.sessionId,
          createdAt: m.createdAt,
          vector: vectors[i]!,
        })),
      )
      result.embedded += batch.length
      await sleep(this.pauseMs, signal)
    }
    if (!run.stale && !signal.aborted) await store.markIndexed(session.id, mark)
  }
}
