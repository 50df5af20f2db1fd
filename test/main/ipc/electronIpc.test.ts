import { EventEmitter } from 'node:events'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import { registerIpc } from '../../../src/main/ipc/electronIpc'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'

/** ipcMain and a window, as far as registerIpc uses them. */
function fakes() {
  let invoke: ((event: IpcMainInvokeEvent, route: unknown, input: unknown) => unknown) | null = null
  const ipcMain = {
    handle: (_channel: string, handler: typeof invoke) => void (invoke = handler),
    removeHandler: () => undefined,
  } as unknown as IpcMain
  const window = Object.assign(new EventEmitter(), {
    isDestroyed: () => false,
    send: () => undefined,
  })
  const call = () =>
    invoke!({ sender: window as unknown as WebContents } as IpcMainInvokeEvent, 'x.y', {})
  return { ipcMain, window, call }
}

describe('Electron IPC request context', () => {
  it('runs every onClose callback once when the window is destroyed, with one listener', async () => {
    const { ipcMain, window, call } = fakes()
    let closed = 0
    const router = {
      dispatch: async (_e: unknown, _r: unknown, _i: unknown, ctx: RequestContext) => {
        ctx.onClose?.(() => closed++)
        return { ok: true, data: null }
      },
    } as unknown as Router<IpcMainInvokeEvent>
    registerIpc(ipcMain, router)
    for (let i = 0; i < 15; i++) await call()
    expect(window.listenerCount('destroyed')).toBe(1)
    expect(closed).toBe(0)
    window.emit('destroyed')
    expect(closed).toBe(15)
  })
})
