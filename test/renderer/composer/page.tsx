import { cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeEach } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useChatStore } from '../../../src/renderer/src/stores/chatStore'
import { savedDrafts, useDraftStore } from '../../../src/renderer/src/stores/draftStore'
import { useSendQueueStore } from '../../../src/renderer/src/stores/sendQueueStore'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessionsStore'
import { useShortcutsStore } from '../../../src/renderer/src/stores/shortcutsStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

/** The stores this folder's tests use, as a new page starts them (drafts read from storage). */
export function freshPageStores(): void {
  for (const store of [useChatStore, useSessionsStore, useUiStore, useSendQueueStore]) {
    ;(store as { setState(state: unknown, replace: true): void }).setState(
      store.getInitialState(),
      true,
    )
  }
  useShortcutsStore.setState(useShortcutsStore.getInitialState(), true)
  useDraftStore.setState({ drafts: savedDrafts() })
}

/**
 * As a reload does: the page goes away (pagehide, then everything unmounted and every store's
 * memory gone), and a new page starts with only what the renderer stored (localStorage).
 */
export function reloadApp(): void {
  window.dispatchEvent(new Event('pagehide'))
  cleanup()
  freshPageStores()
  window.history.replaceState(null, '', '/')
  render(<App />)
}

/**
 * Before each test: a fresh core and page stores, the address bar at the root. With
 * `fastOffline`, offline replies stream at full speed (tests hold back the reply they need long).
 * Returns the current test's core.
 */
export function freshPageEachTest(options: { fastOffline?: boolean } = {}): () => TestCore {
  let core: TestCore | undefined
  const offlineDelay = process.env.AMOS_OFFLINE_DELAY_MS
  beforeEach(async () => {
    if (options.fastOffline) process.env.AMOS_OFFLINE_DELAY_MS = '0'
    core = await freshCore()
    freshPageStores()
    window.history.replaceState(null, '', '/')
  })
  afterAll(() => {
    if (offlineDelay === undefined) delete process.env.AMOS_OFFLINE_DELAY_MS
    else process.env.AMOS_OFFLINE_DELAY_MS = offlineDelay
  })
  return () => {
    if (!core) throw new Error('no core outside a test')
    return core
  }
}

/** Opens a session from the sidebar; returns its message box. */
export async function openSession(title: string): Promise<HTMLElement> {
  await userEvent.click(await screen.findByRole('link', { name: title }))
  await screen.findByRole('heading', { level: 2, name: title })
  return screen.findByRole('textbox', { name: 'Message' })
}
