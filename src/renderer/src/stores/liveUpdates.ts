import type { MirrorBridge } from '../../../shared/bridge'
import type { EventPayload } from '../../../shared/events'
import { request } from '../bridge/bridgeClient'
import { mergeNewest } from '../lib/messages'
import { MESSAGES_PAGE, useChatStore } from './chatStore'
import { useFoldersStore } from './foldersStore'
import { SESSIONS_PAGE, useSessionsStore } from './sessionsStore'
import { publish } from './storeEvents'
import { reportError, useUiStore } from './uiStore'
import { useVaultStore } from './vaultStore'

type Change = EventPayload<'sessions.changed'>

/**
 * The first page of the list is read again; pages loaded further down stay, less the changed
 * sessions (the first page holds them if they still belong near the top of this view).
 */
async function refreshList(changed: readonly string[] | null): Promise<void> {
  const { view, loaded } = useSessionsStore.getState()
  if (!loaded) return
  const result = await request('sessions.list', {
    archived: view === 'archived',
    limit: SESSIONS_PAGE,
  })
  if (useSessionsStore.getState().view !== view) return
  if (!result.ok) {
    reportError(result.error)
    return
  }
  const { items } = result.data
  useSessionsStore.setState((state) => {
    const first = new Set(items.map((s) => s.id))
    const gone = new Set(changed ?? [])
    const below =
      changed === null ? [] : state.order.filter((id) => !first.has(id) && !gone.has(id))
    const byId = { ...state.byId }
    for (const session of items) byId[session.id] = session
    return {
      byId,
      order: [...first, ...below],
      nextCursor: below.length > 0 ? state.nextCursor : result.data.nextCursor,
    }
  })
}

/** The open session read again (title, archive state); false when it was deleted elsewhere. */
async function refreshOpenSession(id: string): Promise<boolean> {
  const result = await request('sessions.get', { id })
  if (result.ok) {
    useSessionsStore.setState((state) => ({ byId: { ...state.byId, [id]: result.data } }))
    return true
  }
  if (result.error.code !== 'NOT_FOUND') {
    reportError(result.error)
    return true
  }
  const title = useSessionsStore.getState().byId[id]?.title ?? 'The open session'
  useSessionsStore.getState().forget(id)
  useChatStore.setState((state) => {
    const bySession = { ...state.bySession }
    delete bySession[id]
    return { bySession }
  })
  useUiStore.getState().setStatus(`“${title}” was deleted by another program.`)
  return false
}

/** Resolves once no reply of this window is streaming into the session (its own event ends it). */
function whenNotStreaming(sessionId: string): Promise<void> {
  if (!useChatStore.getState().activeBySession[sessionId]) return Promise.resolve()
  return new Promise((resolve) => {
    const off = useChatStore.subscribe((state) => {
      if (state.activeBySession[sessionId]) return
      off()
      resolve()
    })
  })
}

/** The newest messages merged into the open thread; older pages, drafts and scroll stay. */
async function refreshMessages(id: string): Promise<void> {
  if (!useChatStore.getState().bySession[id]) return
  // A reply of ours arriving there is finished first, so it is never shown twice.
  await whenNotStreaming(id)
  const result = await request('sessions.messages', { id, limit: MESSAGES_PAGE })
  if (!result.ok) {
    reportError(result.error)
    return
  }
  const page = result.data
  useChatStore.setState((state) => {
    const entry = state.bySession[id]
    if (!entry) return state
    const merged = mergeNewest(entry.items, page.items, page.hasOlder)
    const next = merged
      ? { ...entry, items: merged }
      : { ...entry, items: page.items, hasOlder: page.hasOlder }
    return { bySession: { ...state.bySession, [id]: next } }
  })
}

async function apply({ sessionIds, all }: Change): Promise<void> {
  const changed = all ? null : sessionIds
  const openId = useSessionsStore.getState().selectedId
  const openChanged = openId !== null && (changed === null || changed.includes(openId))
  // Cached threads of other changed sessions are read again when next opened.
  useChatStore.setState((state) => {
    const bySession = { ...state.bySession }
    for (const id of Object.keys(bySession)) {
      if (id !== openId && (changed === null || changed.includes(id))) delete bySession[id]
    }
    return { bySession }
  })
  await Promise.all([
    refreshList(changed),
    // A session moved or pinned elsewhere may join or leave an open folder: read them again.
    useSessionsStore.getState().reloadFolders(),
    // Folders are read again on every change: SQLite flags folder changes (`folders`), but a
    // JSON store sees only session files change, and the list is small.
    useFoldersStore.getState().load(),
    openChanged
      ? refreshOpenSession(openId).then((exists) => (exists ? refreshMessages(openId) : undefined))
      : undefined,
  ])
}

/**
 * Shows what other processes (the CLI, another app window or the browser host on the same data
 * folder) changed: `sessions.changed` from the core refreshes the list and the open session
 * (changes that arrive during a refresh are gathered into one more); `vault.changed` reads the
 * vault's status and entries again. Returns the unsubscribe.
 */
export function connectLiveUpdates(bridge: Pick<MirrorBridge, 'on'>): () => void {
  let running: Promise<void> | null = null
  let pending: { ids: Set<string>; all: boolean } | null = null

  async function run(change: Change): Promise<void> {
    await apply(change)
    while (pending) {
      const next: Change = { sessionIds: [...pending.ids], all: pending.all }
      pending = null
      await apply(next)
    }
    running = null
  }

  const offs = [
    bridge.on('sessions.changed', (change) => {
      if (!running) {
        running = run(change)
        return
      }
      pending ??= { ids: new Set(), all: false }
      pending.all ||= change.all
      for (const id of change.sessionIds) pending.ids.add(id)
    }),
    // This window's own lock state stays; a vault created, restored or filled elsewhere shows.
    bridge.on('vault.changed', () => {
      void useVaultStore.getState().load()
      void publish('vault.entriesChanged', {})
    }),
  ]
  return () => offs.forEach((off) => off())
}
