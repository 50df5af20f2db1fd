import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/bridge'
import { createDeferredEmitter } from './requestContext'
import type { Router } from './router'

/**
 * The whole Electron transport: one invoke channel for requests, one event channel for events.
 * Events go to the webContents that asked, never broadcast. Results are returned as envelopes,
 * never thrown (a rejected invoke loses everything but its message).
 */
export function registerIpc(ipcMain: IpcMain, router: Router<IpcMainInvokeEvent>): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, route: unknown, input: unknown) => {
    const target = event.sender
    const emitter = createDeferredEmitter((name, payload) => {
      if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, { event: name, payload })
    })
    const result = await router.dispatch(event, route, input, emitter)
    // The invoke reply is sent when this handler settles; events follow it.
    setImmediate(() => emitter.open())
    return result
  })
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
}
