import type { Message, MessagePage } from '../../../shared/domain'
import type { Result } from '../../../shared/result'
import type { RouteInput } from '../../../shared/routes'
import { request } from '../bridge/bridgeClient'
import { replaceVersionFields } from '../lib/messages'
import { publish } from './storeEvents'
import { reportError, useUiStore } from './uiStore'

export interface SessionMessages {
  items: Message[]
  hasOlder: boolean
  loading: boolean
  loadingOlder: boolean
}

/** This turn only: Regenerate ▸ with another pattern, uncertainty or provider/model. */
export type TurnOptions = Omit<RouteInput<'messages.regenerate'>, 'messageId'>

/** What "Delete" can take back, per session, until the next delete there or Undo. */
export interface UndoEntry {
  undoToken: string
  removed: number
}

/** Actions on one message of the current path (the message tree, docs/chat.md). */
export interface TreeSlice {
  /** The user message being edited in place. */
  editingId: string | null
  /** The message waiting for the user to confirm its deletion. */
  confirmDeleteMessage: Message | null
  /** The reply whose "Regenerate with…" dialog is open. */
  regenerateTarget: Message | null
  undoBySession: Record<string, UndoEntry>
  startEdit(messageId: string | null): void
  askDeleteMessage(message: Message | null): void
  askRegenerate(message: Message | null): void
  /** "Save and send": a new version of a user message and a reply to it, streamed. */
  edit(message: Message, text: string): Promise<boolean>
  /** "Regenerate" and "Retry": a new version of a reply, streamed. */
  regenerate(message: Message, options?: TurnOptions): Promise<boolean>
  /**
   * Previous (-1) or next (+1) version; the path below follows that version's branch.
   * Resolves to the id of the version now shown (null when nothing changed).
   */
  switchVersion(message: Message, step: -1 | 1): Promise<string | null>
  deleteMessage(message: Message): Promise<boolean>
  undoDelete(sessionId: string): Promise<boolean>
  dismissUndo(sessionId: string): void
  /** A new session holding the path up to this message; it opens. */
  branch(message: Message): Promise<boolean>
  /** Reads the current path again (its newest page, or the page around `focusId`). */
  reloadPath(sessionId: string, focusId?: string): Promise<void>
}

/** What the tree actions need from the chat store that hosts them. */
export interface TreeHost {
  getEntry(sessionId: string): SessionMessages | undefined
  getSlice(): TreeSlice
  patchSession(sessionId: string, patch: (entry: SessionMessages) => Partial<SessionMessages>): void
  setSlice(patch: Partial<TreeSlice> | ((state: TreeSlice) => Partial<TreeSlice>)): void
  /** Runs a call that starts a reply; null (error reported) when main refused it. */
  startTurn<T extends { requestId: string }>(
    sessionId: string,
    call: () => Promise<Result<T>>,
  ): Promise<T | null>
  /** Streams the reply of a started turn (unless it already ended). */
  follow(requestId: string, sessionId: string): void
  busy(sessionId: string): boolean
  pageSize: number
}

export const isLocal = (message: Message) => message.id.startsWith('local:')

/**
 * The page around a message, which must be on the current path: a message on another branch (a
 * search hit on an inactive version, `switchFirst`; a recall chip, found out by NOT_FOUND) is
 * switched to first, so its branch becomes the session's path.
 */
export async function pageAround(
  sessionId: string,
  messageId: string,
  options: { limit: number; switchFirst?: boolean },
): Promise<Result<MessagePage>> {
  const around = () =>
    request('sessions.messagesAround', { id: sessionId, messageId, limit: options.limit })
  const first = options.switchFirst ? null : await around()
  if (first && (first.ok || first.error.code !== 'NOT_FOUND')) return first
  const switched = await request('messages.switch', { messageId })
  if (!switched.ok) return first ?? switched
  void publish('session.changed', { session: switched.data })
  return around()
}

/** The path up to (not including) `messageId`: what stays when it gets a new version. */
function cutAt(items: Message[], messageId: string): Message[] {
  const at = items.findIndex((m) => m.id === messageId)
  return at >= 0 ? items.slice(0, at) : items
}

// Requests of edits and regenerations: their replies learn their version fields when done.
const treeRequests = new Set<string>()

export interface Tree {
  slice: TreeSlice
  /**
   * A reply ended; true when it was an edit's or a regeneration's. A new version learns its
   * place among its siblings.
   */
  settled(requestId: string, message: Message | null): boolean
}

export function createTree(host: TreeHost): Tree {
  const { patchSession, setSlice } = host

  /** Version fields of a new version, which the reply events do not carry. */
  async function refreshVersions(message: Message): Promise<void> {
    const result = await request('messages.versions', { messageId: message.id })
    if (!result.ok) return
    patchSession(message.sessionId, (entry) => ({
      items: replaceVersionFields(entry.items, result.data),
    }))
  }

  async function loadPath(sessionId: string, focusId?: string): Promise<Result<MessagePage>> {
    const id = sessionId
    const newest = await request('sessions.messages', { id, limit: host.pageSize })
    if (!newest.ok || !focusId || newest.data.items.some((m) => m.id === focusId)) return newest
    // A version far up a long path: open the page around it instead.
    return request('sessions.messagesAround', { id, messageId: focusId, limit: host.pageSize })
  }

  function dropUndo(sessionId: string): void {
    setSlice((state) => {
      const undoBySession = { ...state.undoBySession }
      delete undoBySession[sessionId]
      return { undoBySession }
    })
  }

  /**
   * Retry of a reply main never stored (it failed before any text arrived): the prompt above it
   * is sent again as its own new version, since there is no stored reply to regenerate.
   */
  function retryUnsaved(failed: Message): Promise<boolean> {
    const items = host.getEntry(failed.sessionId)?.items ?? []
    const prompt = cutAt(items, failed.id).findLast((m) => m.role === 'user' && !isLocal(m))
    if (!prompt) return Promise.resolve(false)
    return slice.edit(prompt, prompt.content)
  }

  const slice: TreeSlice = {
    editingId: null,
    confirmDeleteMessage: null,
    regenerateTarget: null,
    undoBySession: {},

    startEdit(messageId) {
      setSlice({ editingId: messageId })
    },
    askDeleteMessage(message) {
      setSlice({ confirmDeleteMessage: message })
    },
    askRegenerate(message) {
      setSlice({ regenerateTarget: message })
    },

    async edit(message, text) {
      const { sessionId } = message
      if (host.busy(sessionId) || isLocal(message)) return false
      const data = await host.startTurn(sessionId, () =>
        request('messages.edit', { messageId: message.id, text }),
      )
      if (!data) return false
      const { requestId, userMessage } = data
      setSlice({ editingId: null })
      patchSession(sessionId, (entry) => ({
        items: [...cutAt(entry.items, message.id), userMessage],
      }))
      treeRequests.add(requestId)
      host.follow(requestId, sessionId)
      if (userMessage.versionCount === undefined) void refreshVersions(userMessage)
      void publish('message.added', { sessionId, at: userMessage.createdAt })
      return true
    },

    async regenerate(message, options = {}) {
      const { sessionId } = message
      if (host.busy(sessionId)) return false
      if (isLocal(message)) return retryUnsaved(message)
      const data = await host.startTurn(sessionId, () =>
        request('messages.regenerate', { messageId: message.id, ...options }),
      )
      if (!data) return false
      patchSession(sessionId, (entry) => ({ items: cutAt(entry.items, message.id) }))
      treeRequests.add(data.requestId)
      host.follow(data.requestId, sessionId)
      return true
    },

    async switchVersion(message, step) {
      const { sessionId } = message
      if (host.busy(sessionId)) return null
      const versions = await request('messages.versions', { messageId: message.id })
      if (!versions.ok) {
        reportError(versions.error, sessionId)
        return null
      }
      const at = versions.data.findIndex((m) => m.id === message.id)
      const target = versions.data[at + step]
      if (at < 0 || !target) return null
      const switched = await request('messages.switch', { messageId: target.id })
      if (!switched.ok) {
        reportError(switched.error, sessionId)
        return null
      }
      void publish('session.changed', { session: switched.data })
      await slice.reloadPath(sessionId, target.id)
      return target.id
    },

    async deleteMessage(message) {
      const { sessionId } = message
      setSlice({ confirmDeleteMessage: null })
      if (isLocal(message)) {
        // Never stored (a reply that failed before main kept anything): only the screen has it.
        patchSession(sessionId, (entry) => ({ items: cutAt(entry.items, message.id) }))
        return true
      }
      if (host.busy(sessionId)) return false
      const result = await request('messages.delete', { messageId: message.id })
      if (!result.ok) {
        reportError(result.error, sessionId)
        return false
      }
      const { session, removed, undoToken } = result.data
      setSlice((state) => ({
        undoBySession: { ...state.undoBySession, [sessionId]: { undoToken, removed } },
      }))
      void publish('session.changed', { session })
      await slice.reloadPath(sessionId)
      return true
    },

    async undoDelete(sessionId) {
      const entry = host.getSlice().undoBySession[sessionId]
      if (!entry) return false
      const result = await request('messages.undoDelete', { undoToken: entry.undoToken })
      dropUndo(sessionId)
      if (!result.ok) {
        reportError(result.error, sessionId)
        return false
      }
      void publish('session.changed', { session: result.data })
      await slice.reloadPath(sessionId)
      useUiStore.getState().setStatus('Restored.')
      return true
    },

    dismissUndo(sessionId) {
      dropUndo(sessionId)
    },

    async branch(message) {
      if (isLocal(message)) return false
      const result = await request('messages.branch', { messageId: message.id })
      if (!result.ok) {
        reportError(result.error, message.sessionId)
        return false
      }
      void publish('session.changed', { session: result.data, open: true })
      useUiStore.getState().setStatus(`Opened “${result.data.title}”.`)
      return true
    },

    async reloadPath(sessionId, focusId) {
      const result = await loadPath(sessionId, focusId)
      if (!result.ok) {
        reportError(result.error, sessionId)
        return
      }
      const { items, hasOlder } = result.data
      patchSession(sessionId, () => ({ items, hasOlder, loading: false, loadingOlder: false }))
    },
  }
  return {
    slice,
    settled(requestId, message) {
      if (!treeRequests.delete(requestId)) return false
      if (message && message.versionCount === undefined) void refreshVersions(message)
      return true
    },
  }
}
