import { useEffect, useRef } from 'react'
import { getBridge, onConnectionChange } from './bridge/bridgeClient'
import { ChatPane } from './components/ChatPane'
import { ConfirmDeleteDialog } from './components/ConfirmDeleteDialog'
import { ConfirmDeleteFolderDialog } from './components/folders/ConfirmDeleteFolderDialog'
import { MoveToFolderDialog } from './components/folders/MoveToFolderDialog'
import { ErrorBoundary } from './components/ErrorBoundary'
import { AlertRegion, ConnectionBanner, CoreNotice, StatusRegion } from './components/Notices'
import { RefusedScreen } from './components/RefusedScreen'
import { SettingsPanel } from './components/SettingsPanel'
import { ShortcutsDialog } from './components/ShortcutsDialog'
import { ExportSensitiveDialog } from './components/vault/ExportSensitiveDialog'
import { HistoryLocker } from './components/vault/HistoryLocker'
import { VaultPanel } from './components/vault/VaultPanel'
import { MemoryPanel } from './components/memory/MemoryPanel'
import { SuggestionsDialog } from './components/memory/SuggestionsDialog'
import { Sidebar } from './components/Sidebar'
import { Welcome } from './components/Welcome'
import { useSendQueue } from './hooks/useSendQueue'
import { useShortcuts } from './hooks/useShortcuts'
import { useWindowDrop } from './hooks/useWindowDrop'
import { rememberSession, sessionFromHash } from './lib/location'
import { useAppStore } from './stores/appStore'
import { connectMenuTransfers } from './stores/menuTransfers'
import { connectChatEvents, useChatStore } from './stores/chatStore'
import { connectCoreRestarts } from './stores/coreRestarts'
import { connectLiveUpdates } from './stores/liveUpdates'
import { connectMemoryListEvents } from './stores/memoriesStore'
import { connectSuggestionEvents } from './stores/suggestionsStore'
import { useDraftStore } from './stores/draftStore'
import { useEncryptionStore } from './stores/encryptionStore'
import { connectSessionEvents, useSessionsStore } from './stores/sessionsStore'
import { useUiStore } from './stores/uiStore'

/** Subscriptions and first loads; the bridge must exist before the address bar is touched. */
function useStartup(): void {
  useEffect(() => {
    const offChat = connectChatEvents(getBridge())
    const offMenu = connectMenuTransfers(getBridge())
    const offCore = connectCoreRestarts(getBridge())
    const offLive = connectLiveUpdates(getBridge())
    const offSessions = connectSessionEvents(getBridge())
    const offSuggestions = connectSuggestionEvents(getBridge())
    const offMemories = connectMemoryListEvents(getBridge())
    let lost = false
    const offConnection = onConnectionChange((state) => {
      const ui = useUiStore.getState()
      if (state === 'closed') {
        lost = true
        useChatStore.getState().connectionLost()
      }
      if (state === 'connecting' && lost) return
      ui.setConnection(state)
      if (state === 'open' && lost) {
        lost = false
        // Events sent while we were away are gone: read the truth again from main.
        void useSessionsStore.getState().load()
        const open = useSessionsStore.getState().selectedId
        if (open) void useChatStore.getState().reload(open)
      }
    })
    void useAppStore.getState().load()
    // Encrypted history and a locked vault: nothing of the history is asked for (useHistory).
    void useEncryptionStore.getState().load()
    return () => {
      offChat()
      offMenu()
      offCore()
      offLive()
      offSessions()
      offSuggestions()
      offMemories()
      offConnection()
    }
  }, [])
}

/**
 * 'locked' while encrypted history waits for the vault. The history's first loads run only once it
 * is known to be open, so a locked window never asks for a title, count or snippet.
 */
function useHistory(): 'unknown' | 'locked' | 'open' {
  const history = useEncryptionStore((s) =>
    !s.checked ? 'unknown' : s.status?.locked ? 'locked' : 'open',
  )
  // Read during the first render: the address changes with the selection (rememberSession) as
  // soon as the page shows, long before the encryption status arrives.
  const fromHash = useRef(sessionFromHash(window.location.hash))
  useEffect(() => {
    if (history !== 'open') return
    void useSessionsStore.getState().load()
    // Drafts of sessions deleted elsewhere (the CLI, another window) while this page was closed.
    void useDraftStore.getState().prune()
    const opened = fromHash.current
    fromHash.current = null
    if (opened) void useSessionsStore.getState().select(opened)
  }, [history])
  return history
}

export function App() {
  useStartup()
  const history = useHistory()
  useShortcuts()
  useSendQueue()
  const dropping = useWindowDrop()
  const selectedId = useSessionsStore((s) => s.selectedId)
  const selectedExists = useSessionsStore((s) =>
    s.selectedId ? Boolean(s.byId[s.selectedId]) : false,
  )
  // A page opened without a valid token shows only what to do; a page the host answered before
  // (app.info arrived) and that is refused later, because the host restarted with a new token,
  // keeps the conversation and draft on screen under the banner.
  const answered = useAppStore((s) => s.info !== null)
  const refused = useUiStore((s) => s.connection === 'refused') && !answered

  useEffect(() => {
    rememberSession(selectedId)
  }, [selectedId])

  if (refused) return <RefusedScreen />
  if (history === 'locked') return <HistoryLocker />

  return (
    <div className={dropping ? `app app-dropping app-dropping-${dropping.mode}` : 'app'}>
      <ErrorBoundary area="the sidebar">
        <Sidebar />
      </ErrorBoundary>
      <main className="main">
        <ConnectionBanner />
        <CoreNotice />
        <AlertRegion />
        <ErrorBoundary key={selectedId ?? 'none'} area="the conversation">
          {selectedId && selectedExists ? <ChatPane sessionId={selectedId} /> : <Welcome />}
        </ErrorBoundary>
        <StatusRegion />
      </main>
      <SettingsPanel />
      <ConfirmDeleteDialog />
      <ConfirmDeleteFolderDialog />
      <MoveToFolderDialog />
      <VaultPanel />
      <MemoryPanel />
      <SuggestionsDialog />
      <ExportSensitiveDialog />
      <ShortcutsDialog />
      {dropping && (
        <div
          className={`drop-overlay drop-overlay-${dropping.mode}`}
          aria-hidden="true"
          // Over the composer, only the composer is covered: the drop goes to this message.
          style={dropping.area ?? undefined}
        >
          {dropping.mode === 'attach' ? 'Drop to attach' : 'Drop to import conversations'}
        </div>
      )}
    </div>
  )
}
