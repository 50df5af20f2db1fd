import { EventEmitter } from 'node:events'
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { describe, expect, it } from 'vitest'
import { registerIpc } from '../../../src/main/ipc/electronIpc'
import { checkedEvents } from '../../../src/main/ipc/eventCheck'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'

/** ipcMain and a window, as far as registerIpc uses them. */
function fakes() {
  let invoke: ((event: IpcMainInvokeEvent, route: unknown, input: unknown) => unknown) | null = null
  const ipcMain = {
    handle: (_channel: string, handler: typeof invoke) => void (invoke = handler),
    removeHandler: () => undefined,
  } as unknown as IpcMain
  const sent: unknown[] = []
  const window = Object.assign(new EventEmitter(), {
    isDestroyed: () => false,
    send: (_channel: string, frame: unknown) => void sent.push(frame),
  })
  const call = () =>
    invoke!({ sender: window as unknown as WebContents } as IpcMainInvokeEvent, 'x.y', {})
  return { ipcMain, window, call, sent }
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

  it('outside packaged builds, drops and reports an event that fails its schema', async () => {
    const { ipcMain, call, sent } = fakes()
    const router = {
      dispatch: async (_e: unknown, _r: unknown, _i: unknown, ctx: RequestContext) => {
        ctx.emit('vault.unlocked', { method: 'magic' } as never)
        ctx.emit('vault.unlocked', { method: 'password' })
        return { ok: true, data: null }
      },
    } as unknown as Router<IpcMainInvokeEvent>
    const violations: Error[] = []
    registerIpc(ipcMain, router, { eventGuard: checkedEvents((error) => violations.push(error)) })
    await call()
    await new Promise((resolve) => setImmediate(resolve))
    expect(sent).toEqual([{ event: 'vault.unlocked', payload: { method: 'password' } }])
    expect(violations.map((e) => e.message)).toEqual([
      expect.stringMatching(/vault\.unlocked does not match its schema: method/),
    ])
  })
})
