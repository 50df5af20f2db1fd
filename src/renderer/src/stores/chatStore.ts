import { create } from 'zustand'
import type { MirrorBridge } from '../../../shared/bridge'
import type { Message, MessagePage } from '../../../shared/domain'
import type { ErrorInfo } from '../../../shared/errors'
import type { Result } from '../../../shared/result'
import { request } from '../bridge/bridgeClient'
import { localMessage, prependMessages, upsertMessage } from '../lib/messages'
import { isLockedPlaceholder, maskSealed, replaceByIds } from '../lib/sealedMessages'
import { visionChoiceOf } from '../lib/visionChoice'
import type { ChatState, SessionMessages, Stream } from './chatState'
import { createTree, pageAround } from './chatTree'
import { publish, subscribe } from './storeEvents'
import { reportError } from './uiStore'

export type { SendInput, SessionMessages, Stream, VisionChoice } from './chatState'

export const MESSAGES_PAGE = 50

const EMPTY: SessionMessages = { items: [], hasOlder: false, loading: false, loadingOlder: false }

// Requests whose done/error arrived before chat.send answered. The hosts hold events until the
// answer is out, but a bridge that does not must not leave a stream spinning forever.
const finished = new Set<string>()
let localId = 0

export const useChatStore = create<ChatState>()((set, get) => {
  function patchSession(
    sessionId: string,
    patch: (entry: SessionMessages) => Partial<SessionMessages>,
  ): void {
    set((state) => {
      const entry = state.bySession[sessionId] ?? EMPTY
      return { bySession: { ...state.bySession, [sessionId]: { ...entry, ...patch(entry) } } }
    })
  }

  function addMessage(message: Message, replaceId?: string): void {
    if (!get().bySession[message.sessionId]) return
    patchSession(message.sessionId, (entry) => ({
      items: upsertMessage(entry.items, message, replaceId),
    }))
  }

  function endStream(requestId: string, sessionId: string): Stream | undefined {
    // Only a send still waiting for its answer can be told about this later.
    if (get().sending[sessionId]) finished.add(requestId)
    const stream = get().streams[requestId]
    set((state) => {
      const streams = { ...state.streams }
      delete streams[requestId]
      const activeBySession = { ...state.activeBySession }
      if (activeBySession[sessionId] === requestId) delete activeBySession[sessionId]
      return { streams, activeBySession }
    })
    return stream
  }

  function ensureStream(requestId: string, sessionId: string): void {
    if (finished.has(requestId) || get().streams[requestId]) return
    set((state) => ({
      streams: { ...state.streams, [requestId]: { requestId, sessionId, text: '' } },
      activeBySession: { ...state.activeBySession, [sessionId]: requestId },
    }))
  }

  async function startTurn<T extends { requestId: string }>(
    sessionId: string,
    call: () => Promise<Result<T>>,
    /** Handles an error itself (true) instead of an alert. */
    handled: (error: ErrorInfo) => boolean = () => false,
  ): Promise<T | null> {
    set((state) => ({ sending: { ...state.sending, [sessionId]: true } }))
    const result = await call()
    set((state) => ({ sending: { ...state.sending, [sessionId]: false } }))
    if (result.ok) return result.data
    if (!handled(result.error)) reportError(result.error, sessionId)
    return null
  }

  /** MODEL_NO_VISION becomes a choice in the composer rather than an alert. */
  function askVision(sessionId: string, error: ErrorInfo): boolean {
    const choice = visionChoiceOf(sessionId, error)
    if (choice) set({ visionChoice: choice })
    return choice !== null
  }

  function follow(requestId: string, sessionId: string): void {
    // Done or failed already (a fast host): nothing left to stream.
    if (!finished.delete(requestId)) ensureStream(requestId, sessionId)
  }

  const tree = createTree({
    getEntry: (sessionId) => get().bySession[sessionId],
    getSlice: () => get(),
    patchSession,
    setSlice: (patch) => set(patch),
    startTurn,
    follow,
    busy: (sessionId) => Boolean(get().sending[sessionId] || get().activeBySession[sessionId]),
    pageSize: MESSAGES_PAGE,
  })

  async function loadPage(sessionId: string, load: () => Promise<Result<MessagePage>>) {
    patchSession(sessionId, () => ({ loading: true }))
    const result = await load()
    if (!result.ok) {
      patchSession(sessionId, () => ({ loading: false }))
      reportError(result.error, sessionId)
      return
    }
    const { items, hasOlder } = result.data
    // Replies that finished while the page was loading are kept.
    patchSession(sessionId, (entry) => ({
      items: entry.items.reduce((all, m) => upsertMessage(all, m), items),
      hasOlder,
      loading: false,
    }))
  }

  return {
    ...tree.slice,
    bySession: {},
    streams: {},
    activeBySession: {},
    sending: {},
    highlight: null,
    visionChoice: null,

    dismissVisionChoice() {
      set({ visionChoice: null })
    },

    async open(sessionId) {
      if (get().bySession[sessionId]) return
      await loadPage(sessionId, () =>
        request('sessions.messages', { id: sessionId, limit: MESSAGES_PAGE }),
      )
    },

    async openAt(sessionId, messageId, options = {}) {
      set((state) => ({
        highlight: { sessionId, messageId },
        bySession: { ...state.bySession, [sessionId]: { ...EMPTY, loading: true } },
      }))
      await loadPage(sessionId, () =>
        pageAround(sessionId, messageId, { limit: MESSAGES_PAGE, switchFirst: options.switchTo }),
      )
    },

    async loadOlder(sessionId) {
      const entry = get().bySession[sessionId]
      const first = entry?.items.find((m) => !m.id.startsWith('local:'))
      if (!entry || !entry.hasOlder || entry.loadingOlder || !first) return
      patchSession(sessionId, () => ({ loadingOlder: true }))
      const result = await request('sessions.messages', {
        id: sessionId,
        before: first.id,
        limit: MESSAGES_PAGE,
      })
      if (!result.ok) {
        patchSession(sessionId, () => ({ loadingOlder: false }))
        reportError(result.error, sessionId)
        return
      }
      patchSession(sessionId, (current) => ({
        items: prependMessages(current.items, result.data.items),
        hasOlder: result.data.hasOlder,
        loadingOlder: false,
      }))
    },

    async send(sessionId, input) {
      const text = input.text.trim()
      const files = input.attachments ?? []
      if (
        (!text && files.length === 0) ||
        get().sending[sessionId] ||
        get().activeBySession[sessionId]
      )
        return false
      if (get().highlight) set({ highlight: null })
      const optimisticId = `local:${++localId}`
      const optimistic = localMessage(optimisticId, sessionId, 'user', text, {
        pattern: input.pattern,
        uncertainty: input.uncertainty,
        sensitive: input.sensitive,
      })
      if (!get().bySession[sessionId]) patchSession(sessionId, () => ({}))
      addMessage(optimistic)
      const data = await startTurn(
        sessionId,
        () => request('chat.send', { sessionId, ...input, text }),
        (error) => askVision(sessionId, error),
      )
      if (!data) {
        patchSession(sessionId, (entry) => ({
          items: entry.items.filter((m) => m.id !== optimisticId),
        }))
        return false
      }
      const { requestId, userMessage } = data
      addMessage(userMessage, optimisticId)
      follow(requestId, sessionId)
      void publish('message.added', { sessionId, at: userMessage.createdAt })
      return true
    },

    async stop(sessionId) {
      const requestId = get().activeBySession[sessionId]
      if (!requestId) return
      const result = await request('chat.cancel', { requestId })
      if (!result.ok) reportError(result.error, sessionId)
    },

    clearHighlight() {
      set({ highlight: null })
    },

    async reload(sessionId) {
      await loadPage(sessionId, () =>
        request('sessions.messages', { id: sessionId, limit: MESSAGES_PAGE }),
      )
    },

    connectionLost() {
      const error = {
        code: 'BRIDGE_DISCONNECTED' as const,
        message: 'The connection was lost while the reply was arriving.',
      }
      for (const stream of Object.values(get().streams)) {
        get().failed({
          requestId: stream.requestId,
          sessionId: stream.sessionId,
          error,
          message: null,
        })
      }
    },

    started({ requestId, sessionId }) {
      ensureStream(requestId, sessionId)
    },

    delta({ requestId, sessionId, text }) {
      ensureStream(requestId, sessionId)
      const stream = get().streams[requestId]
      if (!stream) return
      set((state) => ({
        streams: { ...state.streams, [requestId]: { ...stream, text: stream.text + text } },
      }))
    },

    done({ requestId, sessionId, message }) {
      endStream(requestId, sessionId)
      addMessage(message)
      tree.settled(requestId, message)
      void publish('message.added', { sessionId, at: message.createdAt })
    },

    failed({ requestId, sessionId, error, message }) {
      const stream = endStream(requestId, sessionId)
      const fromTree = tree.settled(requestId, message)
      const stopped = error.code === 'CANCELLED'
      if (fromTree && stopped && !message) {
        // An edit or regeneration stopped before any text: main's path is as it was before.
        void get().reloadPath(sessionId)
      } else if (message) {
        addMessage(message)
        // Main stored the partial reply: it counts like a finished one.
        void publish('message.added', { sessionId, at: message.createdAt })
      } else if (stream && (stream.text || !stopped)) {
        // Main kept nothing (the connection dropped): the reply still shows in the thread, with
        // what arrived and why it ended. A stop before any text leaves nothing to show.
        addMessage(
          localMessage(`local:${++localId}`, sessionId, 'assistant', stream.text, {
            status: stopped ? 'stopped' : 'failed',
            metadata: { error: { code: error.code, message: error.message } },
          }),
        )
      }
      // Stopping is the user's own choice, not an error worth an alert.
      if (!stopped) reportError(error, sessionId)
    },
  }
})

/** Newest messages re-read after unlocking, to reveal sensitive text in cached sessions. */
const REVEAL_LIMIT = 500

function maskAllSessions(): void {
  useChatStore.setState((state) => {
    const bySession = { ...state.bySession }
    for (const [id, entry] of Object.entries(bySession)) {
      const items = maskSealed(entry.items)
      if (items !== entry.items) bySession[id] = { ...entry, items }
    }
    return { bySession }
  })
}

async function revealAllSessions(): Promise<void> {
  const sessions = Object.entries(useChatStore.getState().bySession)
  for (const [id, entry] of sessions) {
    if (!entry.items.some(isLockedPlaceholder)) continue
    const result = await request('sessions.messages', { id, limit: REVEAL_LIMIT })
    if (!result.ok) continue
    useChatStore.setState((state) => {
      const current = state.bySession[id]
      if (!current) return state
      const items = replaceByIds(current.items, result.data.items)
      return { bySession: { ...state.bySession, [id]: { ...current, items } } }
    })
  }
}

subscribe('vault.changed', ({ unlocked }) => {
  if (unlocked) void revealAllSessions()
  else maskAllSessions()
})

/** Route the bridge's chat events into the store; returns the unsubscribe function. */
export function connectChatEvents(bridge: Pick<MirrorBridge, 'on'>): () => void {
  const store = useChatStore.getState()
  const offs = [
    bridge.on('chat.started', store.started),
    bridge.on('chat.delta', store.delta),
    bridge.on('chat.done', store.done),
    bridge.on('chat.error', store.failed),
  ]
  return () => offs.forEach((off) => off())
}
