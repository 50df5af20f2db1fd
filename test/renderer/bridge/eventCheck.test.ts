// @vitest-environment node
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { withEventCheck } from '../../../src/renderer/src/bridge/bridgeClient'
import { eventChecker } from '../../../src/renderer/src/bridge/eventCheck'
import type { SocketLike } from '../../../src/renderer/src/bridge/wsBridge'
import { WebSocketBridge } from '../../../src/renderer/src/bridge/wsBridge'
import type { MirrorBridge } from '../../../src/shared/bridge'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A host that pushes the given event frames to each socket as soon as it connects. */
async function pushingServer(frames: unknown[]): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', resolve))
  wss.on('connection', (socket) => {
    for (const frame of frames) socket.send(JSON.stringify(frame))
  })
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate()
        wss.close(() => resolve())
      }),
  )
  return (wss.address() as AddressInfo).port
}

describe('events checked where the renderer receives them', () => {
  it('runs under vitest with the development flag the bridge client keys the check on', () => {
    expect(import.meta.env.DEV).toBe(true)
  })

  it('the WebSocket bridge drops an event that breaks the events table and reports it', async () => {
    const port = await pushingServer([
      { event: 'chat.delta', payload: { requestId: 'r1', sessionId: 's1', text: 7 } },
      { event: 'chat.delta', payload: { requestId: 'r1', sessionId: 's1', text: 'Hi' } },
      { event: 'vault.locked', payload: { reason: 'idle', extra: 'dropped key' } },
    ])
    const violations: Error[] = []
    const bridge = new WebSocketBridge({
      url: `ws://127.0.0.1:${port}/ws`,
      token: 't',
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      checkEvent: eventChecker((error) => violations.push(error)),
    })
    cleanups.push(() => bridge.dispose())
    const texts: unknown[] = []
    const locks: unknown[] = []
    bridge.on('chat.delta', (payload) => texts.push(payload.text))
    bridge.on('vault.locked', (payload) => locks.push(payload))
    await expect.poll(() => locks.length).toBe(1)
    expect(texts).toEqual(['Hi'])
    expect(locks).toEqual([{ reason: 'idle' }])
    expect(violations.map((e) => e.message)).toEqual([
      expect.stringMatching(/chat\.delta does not match its schema: text/),
    ])
  })

  it("Electron's preload bridge gets the same check", () => {
    const listeners = new Map<string, (payload: unknown) => void>()
    const preload: MirrorBridge = {
      request: () => Promise.resolve({ ok: true, data: null }) as never,
      on: (event, listener) => {
        listeners.set(event, listener as (payload: unknown) => void)
        return () => listeners.delete(event)
      },
    }
    const violations: Error[] = []
    const bridge = withEventCheck(
      preload,
      eventChecker((error) => violations.push(error)),
    )
    const seen: unknown[] = []
    bridge.on('vault.unlocked', (payload) => seen.push(payload.method))
    listeners.get('vault.unlocked')?.({ method: 'telepathy' })
    listeners.get('vault.unlocked')?.({ method: 'keychain' })
    expect(seen).toEqual(['keychain'])
    expect(violations.map((e) => e.message)).toEqual([
      expect.stringMatching(/vault\.unlocked does not match its schema: method/),
    ])
  })
})
