import { ReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { Worker } from 'node:worker_threads'
import { MirrorError, isMirrorError } from '../../../../../../shared/errors'
import type { WorkerScript } from '../../../../../core/workerScript'
import { workerScript } from '../../../../../core/workerScript'
import type { FromListWorker, ToListWorker, WireResult } from './chatgptListProtocol'
import { fromWire } from './chatgptListProtocol'
import type { ConversationResult } from './chatgptListResults'
import { brokenList, notChatGptList } from './chatgptListResults'

/**
 * Flow control: the file is read only while the worker is fewer than this many batches ahead
 * of the import and has fewer than this many chunks still to read, so memory holds a few
 * batches whatever the file's size. 16 chunks (1 MB) keep the worker busy through a batch write,
 * which blocks this thread (better-sqlite3 is synchronous) and with it the reading.
 */
const MAX_BATCHES_AHEAD = 2
const MAX_CHUNKS_AHEAD = 16
const WORKER_YOUNG_GENERATION_MB = 8
const YIELD_EVERY_MESSAGES = 50

export interface ListWorkerOptions {
  /** Raw bytes read from `input`, as they are read. */
  onBytes(bytes: number): void
  /** Ends the results early (the caller sees its own cancellation). */
  signal?: AbortSignal
  /** The worker's script (default: chatgptListWorker beside the app's bundle, or its source). */
  script?: WorkerScript
  /** Called with the worker thread once it is started (tests check it ran, and ended). */
  onStart?(worker: Worker): void
}

function workerFailed(what: 'could not start' | 'stopped', error: unknown): MirrorError {
  const detail = error instanceof Error ? error.message : String(error)
  const kept = what === 'stopped' ? '; the conversations read before it were kept' : ''
  return new MirrorError(
    'IMPORT_WORKER_FAILED',
    `the thread that reads large ChatGPT files ${what} (${detail})${kept}`,
  )
}

function startWorker(options: ListWorkerOptions): Worker {
  try {
    const script = options.script ?? workerScript('chatgptListWorker')
    const worker = new Worker(script.file, {
      workerData: { entryUrl: script.entryUrl },
      // The thread makes garbage fast (every conversation's JSON): a small young generation
      // keeps its memory from growing by the default's tens of megabytes before a scavenge.
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    })
    options.onStart?.(worker)
    return worker
  } catch (error) {
    throw workerFailed('could not start', error)
  }
}

/**
 * The bytes as an ArrayBuffer to transfer. A file stream's chunk owns its memory and goes as it
 * is; any other chunk may share memory with its source (a slice, a buffer read again later) and
 * is copied first, as transferring detaches the whole buffer.
 */
function transferable(chunk: Buffer, owned: boolean): ArrayBuffer {
  const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
  if (owned && whole && chunk.buffer instanceof ArrayBuffer) return chunk.buffer
  const copy = new Uint8Array(chunk.byteLength)
  copy.set(chunk)
  return copy.buffer
}

/**
 * The conversations of a ChatGPT conversations.json read from `input` on a worker thread
 * (chatgptListWorker.ts), in file order, while the caller stores the ones before. A list that
 * breaks or is not ChatGPT's throws the same errors as the in-thread path once the results
 * before it are taken; a worker that crashes or cannot start throws IMPORT_WORKER_FAILED.
 * Stopping early (break/return) stops the worker and closes `input`.
 */
export async function* parseChatGptListOnWorker(
  input: Readable,
  options: ListWorkerOptions,
): AsyncGenerator<ConversationResult> {
  let worker: Worker
  try {
    worker = startWorker(options)
  } catch (error) {
    input.destroy()
    throw error
  }
  const batches: WireResult[][] = []
  let chunksAhead = 0
  // Written by the worker's and the stream's callbacks: an object, so TypeScript does not
  // narrow its fields to their first values.
  const state: {
    end: { error?: MirrorError } | null
    readError: unknown
    wakeReader: (() => void) | null
    wakeReading: (() => void) | null
  } = { end: null, readError: null, wakeReader: null, wakeReading: null }

  const mayRead = (): boolean =>
    batches.length < MAX_BATCHES_AHEAD && chunksAhead < MAX_CHUNKS_AHEAD
  const notify = (): void => {
    state.wakeReader?.()
    if (state.end !== null || mayRead()) state.wakeReading?.()
  }
  const settle = (error?: MirrorError): void => {
    state.end ??= error ? { error } : {}
    notify()
  }
  const onAbort = (): void => settle()
  options.signal?.addEventListener('abort', onAbort)

  worker.on('message', (message: FromListWorker) => {
    switch (message.type) {
      case 'batch':
        batches.push(message.results)
        break
      case 'read':
        chunksAhead -= 1
        break
      case 'notChatGpt':
        settle(notChatGptList())
        break
      case 'listError':
        settle(
          isMirrorError(state.readError)
            ? state.readError
            : brokenList(message.before, message.detail),
        )
        break
      case 'done':
        settle()
        break
    }
    notify()
  })
  worker.on('error', (error) => settle(workerFailed('stopped', error)))
  worker.on('exit', (code) => settle(workerFailed('stopped', `exit code ${code}`)))
  const post = (message: ToListWorker, transfer: ArrayBuffer[] = []): void =>
    worker.postMessage(message, transfer)

  const owned = input instanceof ReadStream
  const reading = (async () => {
    try {
      for await (const chunk of input as AsyncIterable<Buffer | string>) {
        if (state.end !== null) return
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
        options.onBytes(bytes.length)
        chunksAhead += 1
        const buffer = transferable(bytes, owned)
        post({ type: 'chunk', bytes: buffer }, [buffer])
        while (state.end === null && !mayRead()) {
          await new Promise<void>((resolve) => (state.wakeReading = resolve))
          state.wakeReading = null
        }
      }
      if (state.end === null) post({ type: 'end' })
    } catch (error) {
      if (state.end !== null) return
      // The worker reports the break after the conversations it has read.
      state.readError = error
      post({ type: 'fail', detail: error instanceof Error ? error.message : String(error) })
    }
  })()

  let yielded = 0
  try {
    for (;;) {
      const batch = batches.shift()
      if (batch !== undefined) {
        notify()
        for (const result of batch) {
          yielded += result.kind === 'session' ? result.messages.length : 1
          if (yielded >= YIELD_EVERY_MESSAGES) {
            // Storing resolves in microtasks: without a turn of the event loop now and then,
            // the file would be read (and the worker fed) only when the worker falls behind.
            yielded = 0
            await new Promise((resolve) => setImmediate(resolve))
          }
          yield fromWire(result)
        }
        continue
      }
      if (state.end !== null) {
        if (state.end.error) throw state.end.error
        return
      }
      await new Promise<void>((resolve) => (state.wakeReader = resolve))
      state.wakeReader = null
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort)
    state.end ??= {}
    state.wakeReading?.()
    post({ type: 'stop' })
    input.destroy()
    await reading
    await worker.terminate()
  }
}
