import { beforeEach, describe, expect, it } from 'vitest'
import { hostSocketUrl, takeToken } from '../../../src/renderer/src/bridge/token'
import { socketUrl } from '../../../src/renderer/src/bridge/wsBridge'

const place = () => ({
  location: window.location,
  storage: window.sessionStorage,
  history: window.history,
})

beforeEach(() => {
  window.sessionStorage.clear()
  window.history.replaceState(null, '', '/')
})

describe('token', () => {
  it('takes the token from the fragment, keeps it for the tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/?x=1#token=abc_DEF-123')
    expect(takeToken(place())).toBe('abc_DEF-123')
    expect(window.location.hash).toBe('')
    expect(window.location.search).toBe('?x=1')
    expect(window.sessionStorage.getItem('activemirror.token')).toBe('abc_DEF-123')
    // After a reload the fragment is gone, but the tab still knows the token.
    expect(takeToken(place())).toBe('abc_DEF-123')
  })

  it('returns null without a token anywhere', () => {
    expect(takeToken(place())).toBeNull()
  })

  it('builds the socket URL on the page host with the token as a query parameter', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:4123' })).toBe(
      'ws://127.0.0.1:4123/ws',
    )
    expect(socketUrl('ws://127.0.0.1:4123/ws', 'a+b/c')).toBe(
      'ws://127.0.0.1:4123/ws?token=a%2Bb%2Fc',
    )
  })
})
