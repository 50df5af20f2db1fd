import type { Message, MessagePage, Session, SessionPage } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import type {
  ListMessagesOptions,
  ListSessionsOptions,
  SearchOptions,
  SessionPatch,
  Storage,
  StorageProblem,
  StorageSearchHit,
} from '../storage'
import { pageMessages, pageSessions } from '../paging'
import { searchRecords } from '../textSearch'

interface Entry {
  session: Session
  messages: Message[]
}

const clone = <T>(value: T): T => structuredClone(value)

/** Ephemeral storage for tests and temporary chats. Values are copied in and out. */
export class MemoryStorage implements Storage {
  readonly kind = 'memory' as const
  private readonly sessions = new Map<string, Entry>()
  private readonly messageSession = new Map<string, string>()

  private entry(id: string): Entry {
    const entry = this.sessions.get(id)
    if (!entry) throw new MirrorError('NOT_FOUND', `No session with id ${id}.`, { id })
    return entry
  }

  async createSession(session: Session): Promise<void> {
    if (this.sessions.has(session.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A session with id ${session.id} already exists.`)
    }
    this.sessions.set(session.id, { session: clone(session), messages: [] })
  }

  async getSession(id: string): Promise<Session> {
    return clone(this.entry(id).session)
  }

  async hasSession(id: string): Promise<boolean> {
    return this.sessions.has(id)
  }

  async listSessions(options: ListSessionsOptions = {}): Promise<SessionPage> {
    return pageSessions(
      [...this.sessions.values()].map((e) => e.session),
      options,
    )
  }

  async updateSession(id: string, patch: SessionPatch): Promise<Session> {
    const entry = this.entry(id)
    const { updatedAt, ...rest } = patch
    entry.session = { ...entry.session, ...clone(rest), updatedAt }
    return clone(entry.session)
  }

  async deleteSession(id: string): Promise<void> {
    const entry = this.entry(id)
    for (const m of entry.messages) this.messageSession.delete(m.id)
    this.sessions.delete(id)
  }

  async appendMessage(message: Message): Promise<void> {
    const entry = this.entry(message.sessionId)
    if (this.messageSession.has(message.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A message with id ${message.id} already exists.`)
    }
    entry.messages.push(clone(message))
    this.messageSession.set(message.id, message.sessionId)
    entry.session = {
      ...entry.session,
      messageCount: entry.session.messageCount + 1,
      updatedAt: message.createdAt,
    }
  }

  private locate(id: string): { entry: Entry; index: number } {
    const sessionId = this.messageSession.get(id)
    const entry = sessionId ? this.sessions.get(sessionId) : undefined
    const index = entry ? entry.messages.findIndex((m) => m.id === id) : -1
    if (!entry || index < 0) throw new MirrorError('NOT_FOUND', `No message with id ${id}.`, { id })
    return { entry, index }
  }

  async updateMessage(message: Message): Promise<void> {
    const { entry, index } = this.locate(message.id)
    if (entry.session.id !== message.sessionId) {
      throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another session.')
    }
    entry.messages[index] = clone(message)
  }

  async getMessage(id: string): Promise<Message> {
    const { entry, index } = this.locate(id)
    return clone(entry.messages[index]!)
  }

  async listMessages(sessionId: string, options: ListMessagesOptions = {}): Promise<MessagePage> {
    return pageMessages(this.entry(sessionId).messages, options)
  }

  async importSession(session: Session, messages: Message[]): Promise<void> {
    if (this.sessions.has(session.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A session with id ${session.id} already exists.`)
    }
    const seen = new Set<string>()
    for (const m of messages) {
      if (this.messageSession.has(m.id) || seen.has(m.id)) {
        throw new MirrorError('VALIDATION_FAILED', `A message with id ${m.id} already exists.`)
      }
      if (m.sessionId !== session.id) {
        throw new MirrorError('VALIDATION_FAILED', `Message ${m.id} belongs to another session.`)
      }
      seen.add(m.id)
    }
    this.sessions.set(session.id, { session: clone(session), messages: messages.map(clone) })
    for (const m of messages) this.messageSession.set(m.id, session.id)
  }

  async search(query: string, options: SearchOptions = {}): Promise<StorageSearchHit[]> {
    return searchRecords(this.sessions.values(), query, options)
  }

  async problems(): Promise<StorageProblem[]> {
    return []
  }

  async close(): Promise<void> {}
}
