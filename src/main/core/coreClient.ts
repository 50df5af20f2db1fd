import { Worker } from 'node:worker_threads'
import { MirrorError } from '../../shared/errors'
import type { Result } from '../../shared/result'
import type { EventSink, RequestContext } from '../ipc/requestContext'
import type {
  CoreCommandName,
  CoreCommands,
  CoreConfig,
  CoreToHost,
  CoreWorkerData,
  HostToCore,
} from './coreFrames'
import type { WorkerScript } from './workerScript'
import { coreWorkerScript } from './workerScript'

export interface CoreClientOptions {
  config: CoreConfig
  script?: WorkerScript
  /** The core was restarted after it stopped unexpectedly (`reason` in words, no details). */
  onRestarted?(reason: string): void
  /** The core stopped unexpectedly too often and is no longer restarted. */
  onGaveUp?(reason: string): void
  /** Restarts allowed within `restartWindowMs` before giving up (default 3 within 60 s). */
  maxRestarts?: number
  restartWindowMs?: number
}

/** The host thread's handle on the core's worker: requests in, results and events out. */
export interface CoreClient {
  dispatch(route: unknown, input: unknown, ctx: RequestContext): Promise<Result<unknown>>
  command<N extends CoreCommandName>(
    name: N,
    ...args: CoreCommands[N]['args']
  ): Promise<CoreCommands[N]['result']>
  /** Events for every window (vault locked/unlocked); returns the unsubscribe. */
  onBroadcast(sink: EventSink): () => void
  /** Ends the worker abruptly, as a crash would; it is then restarted like after one. */
  kill(): Promise<void>
  /**
   * Stops the core in order and starts it on `config` (Settings → Storage). When the new one
   * cannot start, the core comes back on the old config and this rejects with the start error.
   */
  restartOn(config: CoreConfig): Promise<void>
  /** The current worker's thread id (changes on restart). */
  readonly threadId: number
  close(): Promise<void>
}

/** What requests cut off by a restart fail with (CORE_RESTARTED). */
export const RESTARTED_MESSAGE =
  'The app’s core stopped unexpectedly and was restarted. This request may not have completed; try it again.'
/** What every request fails with once the core is no longer restarted (CORE_UNAVAILABLE). */
export const UNAVAILABLE_MESSAGE =
  'The app’s core keeps stopping and was not restarted again. Restart ActiveMirror.'
const SHUTDOWN_TIMEOUT_MS = 15_000

interface Pending {
  ctx: RequestContext
  resolve(result: Result<unknown>): void
}

interface Running {
  worker: Worker
  ready: Promise<void>
  lastError: Error | null
}

function describeExit(running: Running, code: number): string {
  const error = running.lastError
  if (error && 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory'
  if (error) return `an unexpected error (${error.name})`
  return `its thread ended (exit code ${code})`
}

/** Resolves on the worker's `ready` frame; rejects with its start error, or if it exits first. */
function startedOrFailed(worker: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onFrame = (frame: CoreToHost) => {
      if (frame.type === 'ready') settle(resolve)
      if (frame.type === 'startFailed') {
        settle(() => reject(new MirrorError(frame.error.code, frame.error.message)))
        void worker.terminate()
      }
    }
    const onExit = () => settle(() => reject(new Error('The core stopped while starting.')))
    function settle(done: () => void): void {
      worker.off('message', onFrame)
      worker.off('exit', onExit)
      done()
    }
    worker.on('message', onFrame)
    worker.on('exit', onExit)
  })
}

/** Asks the worker to close its mirror and waits (terminated after SHUTDOWN_TIMEOUT_MS). */
async function stopGracefully(worker: Worker): Promise<void> {
  const stopped = new Promise<void>((resolve) => {
    worker.on('message', (frame: CoreToHost) => frame.type === 'stopped' && resolve())
    worker.once('exit', () => resolve())
  })
  worker.postMessage({ type: 'shutdown' } satisfies HostToCore)
  const timer = setTimeout(() => void worker.terminate(), SHUTDOWN_TIMEOUT_MS)
  await stopped
  clearTimeout(timer)
  await worker.terminate()
}

export function startCoreClient(options: CoreClientOptions): Promise<CoreClient> {
  const script = options.script ?? coreWorkerScript()
  const maxRestarts = options.maxRestarts ?? 3
  const restartWindowMs = options.restartWindowMs ?? 60_000
  let nextId = 1
  const pending = new Map<number, Pending>()
  /** Contexts a handler may still emit into after its response (released by the worker). */
  const live = new Map<number, RequestContext>()
  const commands = new Map<number, Pending>()
  const broadcastSinks = new Set<EventSink>()
  const restarts: number[] = []
  let running: Running
  let state: 'running' | 'stopping' | 'switching' | 'gaveUp' = 'running'
  let config = options.config
  let switching: Promise<unknown> = Promise.resolve()

  function post(frame: HostToCore): void {
    running.worker.postMessage(frame)
  }

  function onFrame(frame: CoreToHost): void {
    switch (frame.type) {
      case 'response': {
        const request = pending.get(frame.id)
        pending.delete(frame.id)
        request?.resolve(frame.result)
        return
      }
      case 'event':
        live.get(frame.id)?.emit(frame.event, frame.payload as never)
        return
      case 'release':
        live.delete(frame.id)
        return
      case 'watchClose':
        live.get(frame.id)?.onClose?.(() => {
          if (state === 'running') post({ type: 'senderClosed', id: frame.id })
        })
        return
      case 'drag':
        live.get(frame.id)?.startDrag?.(frame.file)
        return
      case 'broadcast':
        {
          const except = frame.exceptId === undefined ? undefined : live.get(frame.exceptId)
          for (const sink of broadcastSinks) sink(frame.event, frame.payload, except)
          return
        }
        return
      case 'commandResult': {
        const command = commands.get(frame.id)
        commands.delete(frame.id)
        command?.resolve(frame.result)
        return
      }
      default:
        return
    }
  }

  function failEverything(message: string, code: 'CORE_RESTARTED' | 'CORE_UNAVAILABLE'): void {
    const result: Result<unknown> = { ok: false, error: { code, message } }
    for (const request of [...pending.values(), ...commands.values()]) request.resolve(result)
    pending.clear()
    commands.clear()
    live.clear()
  }

  function spawn(): Running {
    const workerData: CoreWorkerData = { config, entryUrl: script.entryUrl }
    const worker = new Worker(script.file, { workerData })
    const current: Running = { worker, ready: startedOrFailed(worker), lastError: null }
    worker.on('message', onFrame)
    worker.on('error', (error) => {
      current.lastError = error
      console.error('The core stopped with an error:', error)
    })
    worker.on('exit', (code) => {
      if (running !== current || state !== 'running') return
      void restartAfter(describeExit(current, code))
    })
    return current
  }

  async function restartAfter(reason: string): Promise<void> {
    const now = Date.now()
    while (restarts.length > 0 && now - (restarts[0] ?? now) > restartWindowMs) restarts.shift()
    if (restarts.length >= maxRestarts) {
      state = 'gaveUp'
      failEverything(UNAVAILABLE_MESSAGE, 'CORE_UNAVAILABLE')
      options.onGaveUp?.(reason)
      return
    }
    restarts.push(now)
    failEverything(RESTARTED_MESSAGE, 'CORE_RESTARTED')
    running = spawn()
    try {
      await running.ready
      options.onRestarted?.(reason)
    } catch (error) {
      console.error('The core could not restart:', error)
    }
  }

  async function whenRunning(): Promise<boolean> {
    // A restart replaces `running`; wait for the newest worker to be ready.
    for (;;) {
      await switching.catch(() => {})
      const current = running
      await current.ready.catch(() => {})
      if (current === running) return state === 'running'
    }
  }

  const client: CoreClient = {
    async dispatch(route, input, ctx) {
      if (!(await whenRunning())) {
        return { ok: false, error: { code: 'CORE_UNAVAILABLE', message: UNAVAILABLE_MESSAGE } }
      }
      const id = nextId++
      live.set(id, ctx)
      return new Promise((resolve) => {
        pending.set(id, { ctx, resolve })
        post({ type: 'request', id, route, input, canDrag: ctx.startDrag !== undefined })
      })
    },
    async command(name, ...args) {
      if (!(await whenRunning())) throw new MirrorError('CORE_UNAVAILABLE', UNAVAILABLE_MESSAGE)
      const id = nextId++
      const result = await new Promise<Result<unknown>>((resolve) => {
        commands.set(id, { ctx: { emit: () => {} }, resolve })
        post({ type: 'command', id, name, args })
      })
      if (!result.ok) throw new MirrorError(result.error.code, result.error.message)
      return result.data as never
    },
    onBroadcast(sink) {
      broadcastSinks.add(sink)
      return () => void broadcastSinks.delete(sink)
    },
    async kill() {
      const current = running
      await current.worker.terminate()
    },
    get threadId() {
      return running.worker.threadId
    },
    async restartOn(next) {
      if (state !== 'running') throw new MirrorError('CORE_UNAVAILABLE', UNAVAILABLE_MESSAGE)
      const previous = config
      state = 'switching'
      const done = (async () => {
        await stopGracefully(running.worker)
        failEverything(RESTARTED_MESSAGE, 'CORE_RESTARTED')
        config = next
        running = spawn()
        try {
          await running.ready
        } catch (error) {
          config = previous
          running = spawn()
          await running.ready
          throw error
        } finally {
          state = 'running'
        }
      })()
      switching = done
      await done
    },
    async close() {
      if (state === 'stopping') return
      const wasRunning = state === 'running'
      state = 'stopping'
      const { worker } = running
      if (wasRunning) await stopGracefully(worker)
      failEverything(UNAVAILABLE_MESSAGE, 'CORE_UNAVAILABLE')
      await worker.terminate()
    },
  }

  running = spawn()
  return running.ready.then(
    () => client,
    async (error: unknown) => {
      state = 'stopping'
      await running.worker.terminate()
      throw error
    },
  )
}
