import { externalUrlToOpen } from './externalLinks'
import { originOf } from './senderGuard'

/** What to do with a navigation (will-navigate, will-redirect, will-frame-navigate). */
export interface NavigationDecision {
  /** False: call event.preventDefault(). */
  allow: boolean
  /** An http(s) link to hand to the system browser instead, or null. */
  openExternally: string | null
}

/**
 * A window only ever shows the app's own origin. Anything else is stopped; a web link the user
 * clicked opens in the system browser instead (through externalUrlToOpen's checks).
 */
export function decideNavigation(url: string, appOrigin: string): NavigationDecision {
  const expected = originOf(appOrigin)
  if (expected !== null && originOf(url) === expected) return { allow: true, openExternally: null }
  return { allow: false, openExternally: externalUrlToOpen(url) }
}

/** window.open and target=_blank: never a new Electron window; web links go to the browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalUrlToOpen(url) }
}

/** The parts of Electron's WebContents the guards use (so the wiring can be tested in Node). */
export interface GuardableContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: { preventDefault(): void; url: string }) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/**
 * Applies the rules to every webContents the app creates (app `web-contents-created`):
 * navigation and redirects off the app origin are stopped, no window is ever opened, and no
 * <webview> can attach (webviewTag is off too; this also covers a tampered page).
 */
export function guardContents(
  contents: GuardableContents,
  appOrigin: string,
  openExternally: (url: string) => void,
): void {
  const onNavigate = (event: { preventDefault(): void; url: string }) => {
    const decision = decideNavigation(event.url, appOrigin)
    if (decision.allow) return
    event.preventDefault()
    if (decision.openExternally) openExternally(decision.openExternally)
  }
  contents.on('will-navigate', onNavigate)
  contents.on('will-frame-navigate', (event) => {
    const decision = decideNavigation(event.url, appOrigin)
    if (!decision.allow) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!decideNavigation(event.url, appOrigin).allow) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url)
    if (decision.openExternally) openExternally(decision.openExternally)
    return { action: decision.action }
  })
}
