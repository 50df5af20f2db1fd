import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { GuardableContents } from '../../../src/main/electron/navigationGuards'
import {
  decideNavigation,
  decideWindowOpen,
  guardContents,
} from '../../../src/main/electron/navigationGuards'

const APP = 'app://renderer'

describe('navigation', () => {
  it('stays on the app origin', () => {
    expect(decideNavigation('app://renderer/index.html', APP)).toEqual({
      allow: true,
      openExternally: null,
    })
    expect(decideNavigation('http://localhost:5173/x', 'http://localhost:5173')).toMatchObject({
      allow: true,
    })
  })

  it('stops every other navigation and sends only web links to the browser', () => {
    expect(decideNavigation('https://example.com/a', APP)).toEqual({
      allow: false,
      openExternally: 'https://example.com/a',
    })
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(decideNavigation(url, APP)).toEqual({ allow: false, openExternally: null })
    }
  })

  it('never opens a window; web links go to the browser through externalUrlToOpen', () => {
    expect(decideWindowOpen('https://example.com/')).toEqual({
      action: 'deny',
      openExternally: 'https://example.com/',
    })
    expect(decideWindowOpen('app://renderer/index.html')).toEqual({
      action: 'deny',
      openExternally: null,
    })
    expect(decideWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: null })
  })
})

/** A webContents stand-in: a real EventEmitter plus the window-open handler slot. */
class Contents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler
  }
}

function fire(contents: Contents, name: string, url = ''): boolean {
  let prevented = false
  contents.emit(name, { url, preventDefault: () => (prevented = true) })
  return prevented
}

describe('guardContents wiring', () => {
  const contents = new Contents()
  const opened: string[] = []
  guardContents(contents as unknown as GuardableContents, APP, (url) => opened.push(url))

  it('blocks off-origin navigation, frame navigation and redirects', () => {
    expect(fire(contents, 'will-navigate', 'https://example.com/')).toBe(true)
    expect(opened).toEqual(['https://example.com/'])
    expect(fire(contents, 'will-navigate', 'app://renderer/index.html')).toBe(false)
    expect(fire(contents, 'will-frame-navigate', 'https://evil.example/')).toBe(true)
    expect(fire(contents, 'will-redirect', 'https://evil.example/')).toBe(true)
    expect(fire(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true)
    // Frames and redirects never open anything.
    expect(opened).toEqual(['https://example.com/'])
  })

  it('prevents every webview from attaching', () => {
    expect(fire(contents, 'will-attach-webview')).toBe(true)
  })

  it('denies window.open and opens web links externally', () => {
    expect(contents.openHandler?.({ url: 'https://docs.example/' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(opened).toEqual(['https://example.com/', 'https://docs.example/'])
  })
})
