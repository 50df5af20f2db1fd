import type { MessagePort } from 'node:worker_threads'
import { MirrorError } from '../../shared/errors'
import type { Result } from '../../shared/result'
import { forwardBroadcasts } from '../ipc/broadcasts'
import { toErrorInfo } from '../ipc/errorInfo'
import { createHandlers } from '../ipc/handlers'
import type { RequestContext } from '../ipc/requestContext'
import { createRouter } from '../ipc/router'
import { createMirror } from '../mirror'
import type { Mirror } from '../mirrorApi'
import { useNativeBinding } from '../sqlite/nativeBinding'
import type { CoreCommandName, CoreConfig, CoreToHost, HostToCore } from './coreFrames'
import { createLocalChangeReports } from './localChangeReports'

/** The side of a MessagePort (or a worker's parentPort) the core talks through. */
export type CorePort = Pick<MessagePort, 'postMessage' | 'on' | 'off'>

type CommandRunner = (mirror: Mirror, args: unknown[]) => Promise<unknown>

const commands: Record<CoreCommandName, CommandRunner> = {
  importPaths: (mirror, [paths]) => mirror.transfer.importPaths(paths as string[]),
  writeAllZip: (mirror, [file]) => mirror.transfer.writeAllZip(file as string),
  lockVault: async (mirror) => mirror.vault.lock('system'),
}

function failed(error: unknown): Result<unknown> {
  return { ok: false, error: toErrorInfo(error) }
}

/**
 * The core's side of the worker: builds the mirror, then answers request frames through the
 * same router the hosts used to run on their own thread. Resolves once the mirror is closed
 * after a `shutdown` frame.
 */
export async function runCore(port: CorePort, config: CoreConfig): Promise<void> {
  const post = (frame: CoreToHost) => port.postMessage(frame)
  useNativeBinding(config.nativeBinding)
  let mirror: Mirror
  try {
    mirror = await createMirror({
      dataDir: config.dataDir,
      storage: config.storage,
      databaseUrl: config.databaseUrl,
    })
  } catch (error) {
    post({ type: 'startFailed', error: toErrorInfo(error) })
    return
  }
  const core = mirror
  // Scheduled backups run where the app's core runs (not in CLI commands); a missed one runs now.
  core.backup.start()
  const router = createRouter<null>({
    handlers: createHandlers(core, {
      host: config.host,
      version: config.version,
      storage: { overridden: config.storageOverridden ?? false },
    }),
    // The host thread checked the sender before forwarding the request.
    isTrustedSender: () => true,
    validateOutput: config.validateOutput,
    onInternalError: (route, error) => console.error(`INTERNAL error in ${route}:`, error),
  })
  const stopBroadcasts = forwardBroadcasts(core, (event, payload) =>
    post({ type: 'broadcast', event, payload }),
  )
  const localChanges = createLocalChangeReports((payload, exceptId) =>
    post({ type: 'broadcast', event: 'sessions.changed', payload, exceptId }),
  )
  const stopLocalChanges = core.localWrites.on((write) => localChanges.noted(write))
  const onClosed = new Map<number, Set<() => void>>()

  // The host keeps each request's window or socket until the core can no longer emit for it:
  // every function of a context holds `scope`, so it is collected only when all of them are.
  const released = new FinalizationRegistry<number>((id) => post({ type: 'release', id }))

  function contextFor(scope: { id: number }, canDrag: boolean): RequestContext {
    released.register(scope, scope.id)
    return {
      emit: (event, payload) => post({ type: 'event', id: scope.id, event, payload }),
      onClose(callback) {
        let callbacks = onClosed.get(scope.id)
        if (!callbacks) {
          callbacks = new Set()
          onClosed.set(scope.id, callbacks)
          post({ type: 'watchClose', id: scope.id })
        }
        callbacks.add(callback)
      },
      ...(canDrag && { startDrag: (file: string) => post({ type: 'drag', id: scope.id, file }) }),
    }
  }

  async function runCommand(name: CoreCommandName, args: unknown[]): Promise<Result<unknown>> {
    const runner = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : null
    if (!runner) return failed(new MirrorError('UNKNOWN_ROUTE', `Unknown command: ${name}`))
    try {
      return { ok: true, data: await runner(core, args) }
    } catch (error) {
      return failed(error)
    }
  }

  let shutdown: () => void = () => {}
  const finished = new Promise<void>((resolve) => (shutdown = resolve))

  function onFrame(frame: HostToCore): void {
    switch (frame.type) {
      case 'request': {
        // The scope stays reachable (and the host keeps the window) while any work the request
        // started can still write: its writes are reported to every window but this one.
        const scope = { id: frame.id }
        const ctx = contextFor(scope, frame.canDrag)
        void localChanges
          .within(scope, () => router.dispatch(null, frame.route, frame.input, ctx))
          .then((result) => post({ type: 'response', id: frame.id, result }))
        return
      }
      case 'senderClosed': {
        const callbacks = onClosed.get(frame.id)
        onClosed.delete(frame.id)
        for (const callback of callbacks ?? []) callback()
        return
      }
      case 'command':
        void runCommand(frame.name, frame.args).then((result) =>
          post({ type: 'commandResult', id: frame.id, result }),
        )
        return
      case 'shutdown':
        shutdown()
        return
    }
  }

  port.on('message', onFrame)
  post({ type: 'ready' })
  await finished
  port.off('message', onFrame)
  stopBroadcasts()
  stopLocalChanges()
  localChanges.stop()
  await core.close()
  post({ type: 'stopped' })
}
