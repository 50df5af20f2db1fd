import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/bridge'
import type { EventGuard } from './eventCheck'
import { uncheckedEvents } from './eventCheck'
import { createDeferredEmitter } from './requestContext'
import type { EventSink } from './requestContext'
import type { Router } from './router'

/**
 * The whole Electron transport: one invoke channel for requests, one event channel for events.
 * Events go to the webContents that asked, never broadcast. Results are returned as envelopes,
 * never thrown (a rejected invoke loses everything but its message).
 */
export interface IpcHostOptions {
  /** Starts a native drag of `file` from `contents` (index.ts supplies the icon). */
  startDrag?(contents: WebContents, file: string): void
  /** Wraps the sink a request's events leave through (a schema check outside packaged builds). */
  eventGuard?: EventGuard
}

/** One 'destroyed' listener per window, however many callbacks (no max-listeners warning). */
const closeCallbacks = new WeakMap<WebContents, Set<() => void>>()

function onDestroyed(contents: WebContents, callback: () => void): void {
  let callbacks = closeCallbacks.get(contents)
  if (!callbacks) {
    const created = new Set<() => void>()
    closeCallbacks.set(contents, created)
    contents.once('destroyed', () => {
      for (const run of created) run()
    })
    callbacks = created
  }
  callbacks.add(callback)
}

export function registerIpc(
  ipcMain: IpcMain,
  router: Router<IpcMainInvokeEvent>,
  host: IpcHostOptions = {},
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, route: unknown, input: unknown) => {
    const target = event.sender
    const guard = host.eventGuard ?? uncheckedEvents
    const emitter = createDeferredEmitter(
      guard((name, payload) => {
        if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, { event: name, payload })
      }),
    )
    const { startDrag } = host
    const ctx = {
      ...emitter,
      origin: target,
      onClose: (callback: () => void) => onDestroyed(target, callback),
      ...(startDrag && {
        startDrag: (file: string) => {
          if (!target.isDestroyed()) startDrag(target, file)
        },
      }),
    }
    const result = await router.dispatch(event, route, input, ctx)
    // The invoke reply is sent when this handler settles; events follow it.
    setImmediate(() => emitter.open())
    return result
  })
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
}

/** A sink that sends an event to every given webContents still alive (see broadcasts.ts). */
export function broadcastToWindows(
  targets: () => Iterable<Pick<WebContents, 'isDestroyed' | 'send'> | null | undefined>,
): EventSink {
  return (event, payload, except) => {
    for (const target of targets()) {
      if (!target || target.isDestroyed() || target === except?.origin) continue
      target.send(IPC_EVENT_CHANNEL, { event, payload })
    }
  }
}
