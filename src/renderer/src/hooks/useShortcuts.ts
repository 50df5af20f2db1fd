import { useEffect } from 'react'
import { useChatStore } from '../stores/chatStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'

/** Ctrl/Cmd+N new session, Ctrl/Cmd+K search, Esc stops the reply streaming in the open session. */
export function useShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      if (mod && !event.shiftKey && !event.altKey && key === 'n') {
        event.preventDefault()
        void useSessionsStore.getState().create()
      } else if (mod && !event.shiftKey && !event.altKey && key === 'k') {
        event.preventDefault()
        useUiStore.getState().requestSearchFocus()
      } else if (event.key === 'Escape' && !event.defaultPrevented) {
        const id = useSessionsStore.getState().selectedId
        if (id && useChatStore.getState().activeBySession[id]) {
          event.preventDefault()
          void useChatStore.getState().stop(id)
        }
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
