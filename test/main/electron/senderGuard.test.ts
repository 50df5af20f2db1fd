import { describe, expect, it } from 'vitest'
import type { SenderFacts } from '../../../src/main/electron/senderGuard'
import { isTrustedSender, originOf } from '../../../src/main/electron/senderGuard'

const trust = { appOrigin: 'app://renderer', windowIds: new Set([1, 2]) }
const good: SenderFacts = {
  frameUrl: 'app://renderer/index.html#s1',
  isTopFrame: true,
  windowId: 1,
}

describe('sender guard', () => {
  it('accepts the top frame of our window showing our origin', () => {
    expect(isTrustedSender(good, trust)).toBe(true)
    expect(isTrustedSender({ ...good, windowId: 2 }, trust)).toBe(true)
  })

  it.each<[string, Partial<SenderFacts>]>([
    ['an iframe', { isTopFrame: false }],
    ['a destroyed frame', { frameUrl: null }],
    ['a window we did not create', { windowId: 3 }],
    ['a webContents without a window', { windowId: null }],
    ['another origin', { frameUrl: 'https://evil.example/index.html' }],
    ['a look-alike host', { frameUrl: 'app://renderer.evil/index.html' }],
    ['a file URL', { frameUrl: 'file:///tmp/index.html' }],
    ['about:blank', { frameUrl: 'about:blank' }],
    ['garbage', { frameUrl: 'not a url' }],
  ])('rejects %s', (_label, change) => {
    expect(isTrustedSender({ ...good, ...change }, trust)).toBe(false)
  })

  it('compares the dev server origin including its port', () => {
    const dev = { appOrigin: 'http://localhost:5173', windowIds: new Set([1]) }
    expect(isTrustedSender({ ...good, frameUrl: 'http://localhost:5173/' }, dev)).toBe(true)
    expect(isTrustedSender({ ...good, frameUrl: 'http://localhost:5174/' }, dev)).toBe(false)
  })

  it('builds origins for custom schemes, where URL.origin says "null"', () => {
    expect(new URL('app://renderer/x').origin).toBe('null')
    expect(originOf('app://renderer/x')).toBe('app://renderer')
    expect(originOf('about:blank')).toBeNull()
  })
})
