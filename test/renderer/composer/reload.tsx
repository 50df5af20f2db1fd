import { cleanup, render } from '@testing-library/react'
import { App } from '../../../src/renderer/src/App'
import { useChatStore } from '../../../src/renderer/src/stores/chatStore'
import { savedDrafts, useDraftStore } from '../../../src/renderer/src/stores/draftStore'
import { useSendQueueStore } from '../../../src/renderer/src/stores/sendQueueStore'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessionsStore'
import { useShortcutsStore } from '../../../src/renderer/src/stores/shortcutsStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'

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
