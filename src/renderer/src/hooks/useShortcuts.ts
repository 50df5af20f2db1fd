import { useEffect } from 'react'
import { closeTopLayer } from '../lib/escapeLayers'
import { useChatStore } from '../stores/chatStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { useShortcutsStore } from '../stores/shortcutsStore'
import { useUiStore } from '../stores/uiStore'

type Action = () => void

/** Ctrl (Cmd on macOS) + key; Shift is allowed for "/", which needs it on many layouts. */
const WITH_MOD: Record<string, Action> = {
  n: () => void useSessionsStore.getState().create(),
  k: () => useUiStore.getState().requestSearchFocus(),
  l: () => useShortcutsStore.getState().requestComposerFocus(),
  ',': () => useUiStore.getState().setSettingsOpen(true),
  '/': () => {
    const shortcuts = useShortcutsStore.getState()
    shortcuts.setSheetOpen(!shortcuts.sheetOpen)
  },
}

function onEscape(event: KeyboardEvent): void {
  // A menu, a rename or a search field handled it already (they stop it or mark it).
  if (event.defaultPrevented) return
  if (closeTopLayer()) {
    event.preventDefault()
    return
  }
  const id = useSessionsStore.getState().selectedId
  if (id && useChatStore.getState().activeBySession[id]) {
    event.preventDefault()
    void useChatStore.getState().stop(id)
  }
}

/** The app-wide shortcuts (listed in lib/shortcuts.ts, which the shortcuts sheet shows). */
export function useShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') return onEscape(event)
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return
      const key = event.code === 'Slash' ? '/' : event.key.toLowerCase()
      const action = WITH_MOD[key]
      if (!action || (event.shiftKey && key !== '/')) return
      event.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
