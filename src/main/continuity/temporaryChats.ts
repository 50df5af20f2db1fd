import type { Session } from '../../shared/domain'
import { isMirrorError, MirrorError } from '../../shared/errors'
import type { ChatService } from '../services/chatService'
import type { ChatApi, MessageApi, SessionApi } from '../services/contracts'
import type { Clock, IdGenerator } from '../services/ids'
import { SessionService } from '../services/sessionService'
import type { Storage } from '../storage/storage'
import { createTemporaryChat } from './temporaryChat'
import type { TemporaryChat } from './temporaryChat'

interface OpenChat {
  chat: TemporaryChat
  sessions: SessionService
  service: ChatService
  messages: MessageApi
}

export interface TemporaryChatsDeps {
  clock: Clock
  ids: IdGenerator
  /** A new, empty in-memory store for each chat (never the app's storage). */
  scratchStorage: () => Storage
  /** A ChatService over the temporary chat's own in-memory storage. */
  chatService(storage: Storage): ChatService
  /** The message actions over the same storage, streaming through `chat`'s turns. */
  messageService(storage: Storage, chat: ChatService): MessageApi
}

/** At most this many temporary chats at once (each holds its conversation in memory). */
const MAX_OPEN = 20

/**
 * The open temporary chats (docs/continuity.md): each lives in its own MemoryStorage with its
 * own SessionService and ChatService; `end()` or closing the mirror forgets it. The mirror's
 * `sessions` and `chat` route a temporary session's calls here (routeSessions / routeChat).
 */
export class TemporaryChats {
  private readonly open = new Map<string, OpenChat>()

  constructor(private readonly deps: TemporaryChatsDeps) {}

  async start(options: { useMemory?: boolean } = {}): Promise<Session> {
    if (this.open.size >= MAX_OPEN) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `At most ${MAX_OPEN} temporary chats can be open; close one first.`,
      )
    }
    const chat = await createTemporaryChat({ ...this.deps, ...options })
    const service = this.deps.chatService(chat.storage)
    this.open.set(chat.session.id, {
      chat,
      sessions: new SessionService({ storage: chat.storage, ...this.deps }),
      service,
      messages: this.deps.messageService(chat.storage, service),
    })
    return chat.session
  }

  has(sessionId: string): boolean {
    return this.open.has(sessionId)
  }

  /** The temporary chat's services, or undefined for an ordinary session. */
  get(
    sessionId: string,
  ): { sessions: SessionApi; chat: ChatService; storage: Storage } | undefined {
    const entry = this.open.get(sessionId)
    return entry && { sessions: entry.sessions, chat: entry.service, storage: entry.chat.storage }
  }

  /** The message actions of the temporary chat holding `messageId`, if one does. */
  async messagesOf(messageId: string): Promise<MessageApi | undefined> {
    for (const entry of this.open.values()) {
      try {
        await entry.chat.storage.getMessage(messageId)
        return entry.messages
      } catch (error) {
        if (!isMirrorError(error) || error.code !== 'NOT_FOUND') throw error
      }
    }
    return undefined
  }

  /** The message actions of the temporary chat whose delete `undoToken` undoes, if any. */
  undoOwner(undoToken: string): MessageApi | undefined {
    for (const entry of this.open.values()) {
      if (entry.messages.hasUndo(undoToken)) return entry.messages
    }
    return undefined
  }

  /** Stops its reply, if any, and forgets everything said. False if it was not open. */
  async end(sessionId: string): Promise<boolean> {
    const entry = this.open.get(sessionId)
    if (!entry) return false
    this.open.delete(sessionId)
    await entry.service.cancelAll()
    await entry.chat.close()
    return true
  }

  /** Whether any temporary chat has a running request with this id. */
  cancel(requestId: string): boolean {
    for (const entry of this.open.values()) if (entry.service.cancel(requestId)) return true
    return false
  }

  async endAll(): Promise<void> {
    await Promise.all([...this.open.keys()].map((id) => this.end(id)))
  }
}

/**
 * The mirror's SessionApi: calls naming a temporary chat go to its own SessionService; listing
 * and search see only stored sessions (a temporary chat is never listed or found).
 */
export function routeSessions(stored: SessionApi, temporary: TemporaryChats): SessionApi {
  const pick = (id: string): SessionApi => temporary.get(id)?.sessions ?? stored
  return {
    create: (input) => stored.create(input),
    createOrReuse: () => stored.createOrReuse(),
    get: (id) => pick(id).get(id),
    // A temporary chat is found by its whole id only; prefixes name stored sessions.
    resolveId: async (id) => (temporary.get(id) ? id : stored.resolveId(id)),
    resolveMessageId: (id) => stored.resolveMessageId(id),
    list: (options) => stored.list(options),
    messages: (id, options) => pick(id).messages(id, options),
    messagesAround: (id, messageId, limit) => pick(id).messagesAround(id, messageId, limit),
    rename: (id, title) => pick(id).rename(id, title),
    archive: (id) => pick(id).archive(id),
    unarchive: (id) => pick(id).unarchive(id),
    delete: async (id) => {
      if (await temporary.end(id)) return
      await stored.delete(id)
    },
    setPreferences: (id, preferences) => pick(id).setPreferences(id, preferences),
    search: (query, options) => stored.search(query, options),
    problems: () => stored.problems(),
  }
}

/** The mirror's ChatApi: a temporary chat's turns run on its own ChatService. */
export function routeChat(stored: ChatApi, temporary: TemporaryChats): ChatApi {
  return {
    send: (input, listener) =>
      (temporary.get(input.sessionId)?.chat ?? stored).send(input, listener),
    cancel: (requestId) => stored.cancel(requestId) || temporary.cancel(requestId),
  }
}

/**
 * The mirror's MessageApi: actions on a temporary chat's message run on that chat's own store
 * (never logged, never on disk); everything else on the stored sessions.
 */
export function routeMessages(stored: MessageApi, temporary: TemporaryChats): MessageApi {
  const pick = async (messageId: string): Promise<MessageApi> =>
    (await temporary.messagesOf(messageId)) ?? stored
  return {
    edit: async (input, listener) => (await pick(input.messageId)).edit(input, listener),
    regenerate: async (input, listener) =>
      (await pick(input.messageId)).regenerate(input, listener),
    versions: async (messageId) => (await pick(messageId)).versions(messageId),
    currentVersion: async (messageId) => (await pick(messageId)).currentVersion(messageId),
    switch: async (messageId) => (await pick(messageId)).switch(messageId),
    delete: async (messageId) => (await pick(messageId)).delete(messageId),
    undoDelete: (undoToken) => (temporary.undoOwner(undoToken) ?? stored).undoDelete(undoToken),
    hasUndo: (undoToken) => stored.hasUndo(undoToken) || !!temporary.undoOwner(undoToken),
    branch: async (messageId) => (await pick(messageId)).branch(messageId),
  }
}
