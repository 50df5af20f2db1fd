import { create } from 'zustand'
import type { MirrorBridge } from '../../../shared/bridge'
import type { Message, MessagePage, Pattern, UncertaintyLevel } from '../../../shared/domain'
import type { EventPayload } from '../../../shared/events'
import type { Result } from '../../../shared/result'
import { request } from '../bridge/bridgeClient'
import { prependMessages, upsertMessage } from '../lib/messages'
import { isLockedPlaceholder, maskSealed, replaceByIds } from '../lib/sealedMessages'
import { publish, subscribe } from './storeEvents'
import { reportError } from './uiStore'

export const MESSAGES_PAGE = 50

export interface SessionMessages {
  items: Message[]
  hasOlder: boolean
  loading: boolean
  loadingOlder: boolean
}

/** A reply being streamed: only its own component re-renders as text arrives. */
export interface Stream {
  requestId: string
  sessionId: string
  text: string
}

export interface SendInput {
  text: string
  pattern: Pattern
  uncertainty: UncertaintyLevel
  sensitive: boolean
}

interface ChatState {
  bySession: Record<string, SessionMessages>
  streams: Record<string, Stream>
  /** sessionId → requestId of the reply streaming there. */
  activeBySession: Record<string, string>
  /** Sessions with a send in flight (before the request id is known). */
  sending: Record<string, boolean>
  /** The message a search hit pointed to: scrolled to and highlighted once. */
  highlight: { sessionId: string; messageId: string } | null
  open(sessionId: string): Promise<void>
  openAt(sessionId: string, messageId: string): Promise<void>
  loadOlder(sessionId: string): Promise<void>
  send(sessionId: string, input: SendInput): Promise<boolean>
  stop(sessionId: string): Promise<void>
  clearHighlight(): void
  /** Reload a session's newest page (after a reconnect, when events may have been missed). */
  reload(sessionId: string): Promise<void>
  /** The socket dropped: replies streaming over it will never finish; keep what arrived. */
  connectionLost(): void
  started(event: EventPayload<'chat.started'>): void
  delta(event: EventPayload<'chat.delta'>): void
  done(event: EventPayload<'chat.done'>): void
  failed(event: EventPayload<'chat.error'>): void
}

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

  async function loadPage(sessionId: string, load: () => Promise<Result<MessagePage>>) {
    patchSession(sessionId, () => ({ loading: true }))
    const result = await load()
    if (!result.ok) {
      patchSession(sessionId, () => ({ loading: false }))
      reportError(result.error)
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
    bySession: {},
    streams: {},
    activeBySession: {},
    sending: {},
    highlight: null,

    async open(sessionId) {
      if (get().bySession[sessionId]) return
      await loadPage(sessionId, () =>
        request('sessions.messages', { id: sessionId, limit: MESSAGES_PAGE }),
      )
    },

    async openAt(sessionId, messageId) {
      set((state) => ({
        highlight: { sessionId, messageId },
        bySession: { ...state.bySession, [sessionId]: { ...EMPTY } },
      }))
      await loadPage(sessionId, () =>
        request('sessions.messagesAround', { id: sessionId, messageId, limit: MESSAGES_PAGE }),
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
        reportError(result.error)
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
      if (!text || get().sending[sessionId] || get().activeBySession[sessionId]) return false
      if (get().highlight) set({ highlight: null })
      const optimisticId = `local:${++localId}`
      const optimistic: Message = {
        id: optimisticId,
        sessionId,
        role: 'user',
        content: text,
        createdAt: new Date().toISOString(),
        pattern: input.pattern,
        uncertainty: input.uncertainty,
        sensitive: input.sensitive,
        status: 'complete',
        provider: null,
        model: null,
        metadata: {},
      }
      if (!get().bySession[sessionId]) patchSession(sessionId, () => ({}))
      addMessage(optimistic)
      set((state) => ({ sending: { ...state.sending, [sessionId]: true } }))
      const result = await request('chat.send', { sessionId, ...input, text })
      set((state) => ({ sending: { ...state.sending, [sessionId]: false } }))
      if (!result.ok) {
        patchSession(sessionId, (entry) => ({
          items: entry.items.filter((m) => m.id !== optimisticId),
        }))
        reportError(result.error)
        return false
      }
      const { requestId, userMessage } = result.data
      addMessage(userMessage, optimisticId)
      // Done or failed already (a fast host): nothing left to stream.
      if (!finished.delete(requestId)) ensureStream(requestId, sessionId)
      void publish('message.added', { sessionId, at: userMessage.createdAt })
      return true
    },

    async stop(sessionId) {
      const requestId = get().activeBySession[sessionId]
      if (!requestId) return
      const result = await request('chat.cancel', { requestId })
      if (!result.ok) reportError(result.error)
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
      void publish('message.added', { sessionId, at: message.createdAt })
    },

    failed({ requestId, sessionId, error, message }) {
      const stream = endStream(requestId, sessionId)
      if (message) {
        addMessage(message)
        // Main stored the partial reply: it counts like a finished one.
        void publish('message.added', { sessionId, at: message.createdAt })
      } else if (stream && stream.text) {
        // Main kept nothing, but the user saw this text arrive: keep it on screen, marked failed.
        addMessage({
          id: `local:${++localId}`,
          sessionId,
          role: 'assistant',
          content: stream.text,
          createdAt: new Date().toISOString(),
          pattern: null,
          uncertainty: null,
          sensitive: false,
          status: error.code === 'CANCELLED' ? 'stopped' : 'failed',
          provider: null,
          model: null,
          metadata: { error: { code: error.code, message: error.message } },
        })
      }
      // Stopping is the user's own choice, not an error worth an alert.
      if (error.code !== 'CANCELLED') reportError(error)
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
