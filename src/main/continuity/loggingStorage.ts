import type { Message, MessagePage, Session, SessionPage } from '../../shared/domain'
import type {
  ListMessagesOptions,
  ListSessionsOptions,
  SearchOptions,
  SessionImport,
  SessionImportResult,
  SessionPatch,
  Storage,
  StorageProblem,
} from '../storage/storage'
import { importSessionsOf } from '../storage/storage'
import { sha256Hex } from './chain'
import type { AppendableType, ContinuityApi, ContinuityEvent } from './continuityLog'
import type { ContinuityData } from './continuityTypes'

export interface WithContinuityOptions {
  /**
   * Called when the write succeeded but its log entry could not be appended (e.g. continuity.db
   * busy for longer than busy_timeout). The write is not undone and the caller does not see an
   * error; default: a process warning.
   */
  onLogError?: (error: unknown, type: AppendableType) => void
}

const MAX_TITLE = 200
const clip = (title: string): string => [...title].slice(0, MAX_TITLE).join('')

/** What `message.added` records: never the text; no digest for sensitive messages. */
export function messageEventData(message: Message): ContinuityData<'message.added'> {
  return message.sensitive
    ? { messageId: message.id, role: message.role, sensitive: true }
    : {
        messageId: message.id,
        role: message.role,
        sensitive: false,
        contentSha256: sha256Hex(message.content),
      }
}

/**
 * One digest for an imported session: SHA-256 over one line per message, in order,
 * `<id>\t<role>\t<contentSha256 or "sensitive">\n`.
 */
export function importDigest(messages: readonly Message[]): string {
  const lines = messages.map((m) => {
    const data = messageEventData(m)
    return `${m.id}\t${m.role}\t${data.contentSha256 ?? 'sensitive'}\n`
  })
  return sha256Hex(lines.join(''))
}

function warn(error: unknown, type: AppendableType): void {
  const reason = error instanceof Error ? error.message : String(error)
  process.emitWarning(`The continuity log could not record ${type}: ${reason}`, 'ContinuityWarning')
}

/**
 * A Storage that forwards every call to `storage` and, after a write succeeded, records it in
 * the continuity log. Every host wraps its storage once, so the app, the browser host and the
 * CLI log the same events without the services knowing. A write that fails logs nothing.
 */
class LoggingStorage implements Storage {
  readonly kind: Storage['kind']

  constructor(
    private readonly inner: Storage,
    private readonly log: Pick<ContinuityApi, 'append' | 'appendMany'>,
    private readonly onLogError: NonNullable<WithContinuityOptions['onLogError']>,
  ) {
    this.kind = inner.kind
  }

  private async record<T extends AppendableType>(
    type: T,
    subject: string | null,
    data: ContinuityData<T>,
  ): Promise<void> {
    try {
      await this.log.append(type, subject, data)
    } catch (error) {
      this.onLogError(error, type)
    }
  }

  async createSession(session: Session): Promise<void> {
    await this.inner.createSession(session)
    await this.record('session.created', session.id, { title: clip(session.title) })
  }

  getSession(id: string): Promise<Session> {
    return this.inner.getSession(id)
  }

  listSessions(options?: ListSessionsOptions): Promise<SessionPage> {
    return this.inner.listSessions(options)
  }

  async updateSession(id: string, patch: SessionPatch): Promise<Session> {
    // Metadata-only patches (preferences, memory switches) are settings, not history.
    const loggable = patch.title !== undefined || patch.archived !== undefined
    const before = loggable ? await this.inner.getSession(id) : null
    const after = await this.inner.updateSession(id, patch)
    if (!before) return after
    if (after.title !== before.title) {
      await this.record('session.renamed', id, { from: clip(before.title), to: clip(after.title) })
    }
    if (after.archived !== before.archived) {
      const type = after.archived ? 'session.archived' : 'session.unarchived'
      await this.record(type, id, { title: clip(after.title) })
    }
    return after
  }

  async deleteSession(id: string): Promise<void> {
    const before = await this.inner.getSession(id)
    await this.inner.deleteSession(id)
    await this.record('session.deleted', id, {
      title: clip(before.title),
      messageCount: before.messageCount,
    })
  }

  async appendMessage(message: Message): Promise<void> {
    await this.inner.appendMessage(message)
    await this.record('message.added', message.sessionId, messageEventData(message))
  }

  updateMessage(message: Message): Promise<void> {
    return this.inner.updateMessage(message)
  }

  getMessage(id: string): Promise<Message> {
    return this.inner.getMessage(id)
  }

  listMessages(sessionId: string, options?: ListMessagesOptions): Promise<MessagePage> {
    return this.inner.listMessages(sessionId, options)
  }

  // Organising is not history: folders are forwarded unlogged.
  readonly listFolders: Storage['listFolders'] = () => this.inner.listFolders()
  readonly createFolder: Storage['createFolder'] = (f) => this.inner.createFolder(f)
  readonly renameFolder: Storage['renameFolder'] = (id, n) => this.inner.renameFolder(id, n)
  readonly deleteFolder: Storage['deleteFolder'] = (id) => this.inner.deleteFolder(id)

  // Tree operations are forwarded; logging them is the services' part (docs/continuity.md).
  listVersions(...args: Parameters<Storage['listVersions']>) {
    return this.inner.listVersions(...args)
  }

  switchToMessage(...args: Parameters<Storage['switchToMessage']>) {
    return this.inner.switchToMessage(...args)
  }

  deleteMessage(...args: Parameters<Storage['deleteMessage']>) {
    return this.inner.deleteMessage(...args)
  }

  restoreMessages(...args: Parameters<Storage['restoreMessages']>) {
    return this.inner.restoreMessages(...args)
  }

  listPathTo(...args: Parameters<Storage['listPathTo']>) {
    return this.inner.listPathTo(...args)
  }

  listTree(...args: Parameters<Storage['listTree']>) {
    return this.inner.listTree(...args)
  }

  async importSession(session: Session, messages: Message[]): Promise<void> {
    await this.inner.importSession(session, messages)
    await this.record('import', session.id, {
      title: clip(session.title),
      messageCount: messages.length,
      messagesSha256: importDigest(messages),
    })
  }

  async importSessions(batch: SessionImport[]): Promise<SessionImportResult[]> {
    const results = await importSessionsOf(this.inner, batch)
    const events = batch
      .filter((_, i) => results[i] === null)
      .map(({ session, messages }): ContinuityEvent<'import'> => ({
        type: 'import',
        subject: session.id,
        data: {
          title: clip(session.title),
          messageCount: messages.length,
          messagesSha256: importDigest(messages),
        },
      }))
    // One write for the batch's entries, as the sessions were one write.
    if (events.length > 0) {
      try {
        await this.log.appendMany(events)
      } catch (error) {
        this.onLogError(error, 'import')
      }
    }
    return results
  }

  hasSession(id: string): Promise<boolean> {
    return this.inner.hasSession(id)
  }

  findIds(...args: Parameters<Storage['findIds']>): Promise<string[]> {
    return this.inner.findIds(...args)
  }

  search(query: string, options?: SearchOptions): ReturnType<Storage['search']> {
    return this.inner.search(query, options)
  }

  problems(): Promise<StorageProblem[]> {
    return this.inner.problems()
  }

  close(): Promise<void> {
    return this.inner.close()
  }
}

/** Wraps `storage` so its successful writes are recorded in `log` (see LoggingStorage). */
export function withContinuity(
  storage: Storage,
  log: Pick<ContinuityApi, 'append' | 'appendMany'>,
  options: WithContinuityOptions = {},
): Storage {
  return new LoggingStorage(storage, log, options.onLogError ?? warn)
}
