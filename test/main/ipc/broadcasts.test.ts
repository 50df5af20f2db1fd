import { describe, expect, it } from 'vitest'
import { forwardBroadcasts } from '../../../src/main/ipc/broadcasts'
import { broadcastToWindows } from '../../../src/main/ipc/electronIpc'
import { createChangeFeed } from '../../../src/main/storage/changeFeed'
import { MIN_ITERATIONS } from '../../../src/main/crypto/kdf'
import { vaultFixture } from '../vault/helpers/vaultFixture'

describe('vault events to every window', () => {
  it('reaches every live webContents, skips destroyed ones, stops after unsubscribing', async () => {
    const sent: Array<[string, string, unknown]> = []
    const contents = (name: string, destroyed = false) => ({
      isDestroyed: () => destroyed,
      send: (channel: string, frame: unknown) => void sent.push([name, channel, frame]),
    })
    const windows = [contents('a'), contents('gone', true), null, contents('b')]
    const fx = vaultFixture({ iterations: MIN_ITERATIONS })
    try {
      const off = forwardBroadcasts(
        { vault: fx.vault, changes: createChangeFeed({}) },
        broadcastToWindows(() => windows),
      )
      await fx.vault.init('broadcast password')
      fx.vault.lock('system')
      expect(sent.map(([name, , frame]) => [name, frame])).toEqual([
        ['a', { event: 'vault.unlocked', payload: { method: 'init' } }],
        ['b', { event: 'vault.unlocked', payload: { method: 'init' } }],
        ['a', { event: 'vault.locked', payload: { reason: 'system' } }],
        ['b', { event: 'vault.locked', payload: { reason: 'system' } }],
      ])
      expect(new Set(sent.map(([, channel]) => channel))).toEqual(new Set(['mirror:event']))
      off()
      await fx.vault.unlock('broadcast password')
      expect(sent).toHaveLength(4)
    } finally {
      await fx.cleanup()
    }
  })
})

describe('a change reported to the other windows', () => {
  it('skips the window whose request made it, and only that one', () => {
    const sent: string[] = []
    const contents = (name: string) => ({
      isDestroyed: () => false,
      send: () => void sent.push(name),
    })
    const [a, b, c] = [contents('a'), contents('b'), contents('c')]
    const sink = broadcastToWindows(() => [a, b, c])
    sink('sessions.changed', { sessionIds: ['s1'], all: false }, { emit: () => {}, origin: b })
    expect(sent).toEqual(['a', 'c'])
    sink('sessions.changed', { sessionIds: ['s1'], all: false })
    expect(sent).toEqual(['a', 'c', 'a', 'b', 'c'])
  })
})
