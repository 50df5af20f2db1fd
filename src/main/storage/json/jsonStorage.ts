import { join } from 'node:path'
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
import { writeJsonAtomic } from './atomicWrite'
import { pageMessages, pageSessions } from '../paging'
import { searchRecords } from '../textSearch'
import { INDEX_FILE, indexToFile, isSafeSessionId, sessionFileName } from './sdkFormat'
import type { IndexFile } from './sdkFormat'
import { recordAfterWrite, sessionToFile } from './sdkMapping'
import type { SessionRecord } from './sdkMapping'
import { withIndexLock } from './indexLock'
import { loadStore, readIndex } from './storeLoader'
import type { StoreState } from './storeLoader'
import { errorCode, nodeStoreFs } from './storeFs'
import type { StoreFs } from './storeFs'

export interface JsonStorageOptions {
  /** File operations; tests inject failing ones. */
  fs?: StoreFs
  /** Time written to index.json's `updatedAt`. */
  now?: () => Date
}

const clone = <T>(value: T): T => structuredClone(value)

/** Opens (creating if needed) a JSON folder store in the ActiveMirrorOS JS SDK layout. */
export async function openJsonStorage(
  dir: string,
  options: JsonStorageOptions = {},
): Promise<JsonStorage> {
  const fs = options.fs ?? nodeStoreFs
  const state = await loadStore(fs, dir)
  return new JsonStorage(dir, state, fs, options.now ?? (() => new Date()))
}

/**
 * The portable backend (docs/json-store.md). Everything listed in index.json is loaded on open
 * and served from memory; every change rewrites one session file (and index.json when the set
 * of sessions changes) atomically. Writes within the process run one at a time.
 */
export class JsonStorage implements Storage {
  readonly kind = 'json' as const
  private queue: Promise<void> = Promise.resolve()

  constructor(
    readonly dir: string,
    private readonly state: StoreState,
    private readonly fs: StoreFs,
    private readonly now: () => Date,
  ) {}

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task)
    this.queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  private assertIndexUsable(): void {
    const problem = this.state.indexProblem
    if (problem) {
      throw new MirrorError(
        'STORAGE_CORRUPT',
        `${INDEX_FILE} in the JSON store cannot be read (${problem.reason}); nothing was changed.`,
        { file: INDEX_FILE },
      )
    }
  }

  private corruptError(problem: StorageProblem): MirrorError {
    return new MirrorError(
      'STORAGE_CORRUPT',
      `${problem.location} in the JSON store cannot be used (${problem.reason}); it is left as it is.`,
      { file: problem.location },
    )
  }

  private record(id: string): SessionRecord {
    this.assertIndexUsable()
    const problem = this.state.corrupt.get(id)
    if (problem) throw this.corruptError(problem)
    const record = this.state.records.get(id)
    if (!record) throw new MirrorError('NOT_FOUND', `No session with id ${id}.`, { id })
    return record
  }

  private locate(id: string): { record: SessionRecord; index: number } {
    this.assertIndexUsable()
    const sessionId = this.state.messageSession.get(id)
    const record = sessionId ? this.state.records.get(sessionId) : undefined
    const index = record ? record.messages.findIndex((m) => m.id === id) : -1
    if (!record || index < 0)
      throw new MirrorError('NOT_FOUND', `No message with id ${id}.`, { id })
    return { record, index }
  }

  /** index.json as it is on disk now, so sessions another program added are not lost. */
  private async freshIndex(): Promise<IndexFile | null> {
    const read = await readIndex(this.fs, this.dir)
    if (read.kind === 'corrupt') {
      this.state.indexProblem = read.problem
      this.state.problems.unshift(read.problem)
      this.assertIndexUsable()
    }
    return read.kind === 'ok' ? read.index : this.state.index
  }

  /** Re-reads index.json and rewrites it with `change` applied, holding the folder's index lock. */
  private updateIndex(change: (sessions: string[]) => string[]): Promise<void> {
    return withIndexLock(this.fs, this.dir, async () => {
      const index = await this.freshIndex()
      await this.writeIndex(index, change(index?.sessions ?? []))
    })
  }

  private async writeIndex(current: IndexFile | null, sessions: string[]): Promise<void> {
    const file = indexToFile(current?.raw ?? null, sessions, this.now())
    await writeJsonAtomic(this.fs, this.dir, INDEX_FILE, file)
    this.state.index = { raw: file, sessions: file.sessions as string[] }
  }

  private async writeSession(
    session: Session,
    messages: Message[],
    base: SessionRecord | null,
  ): Promise<SessionRecord> {
    const next: SessionRecord = {
      session: { ...session, messageCount: messages.length },
      messages,
      raw: base?.raw ?? null,
      rawMessages: base?.rawMessages ?? new Map(),
    }
    const file = sessionToFile(next)
    await writeJsonAtomic(this.fs, this.dir, sessionFileName(session.id), file)
    const record = recordAfterWrite(next.session, messages, file)
    this.state.records.set(session.id, record)
    return record
  }

  /** Shared by create and import: all checks first, then the session file, then the index. */
  private async addSession(session: Session, messages: Message[]): Promise<void> {
    this.assertIndexUsable()
    const { id } = session
    if (!isSafeSessionId(id)) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `The session id ${JSON.stringify(id)} cannot be a file name.`,
      )
    }
    const problem = this.state.corrupt.get(id)
    if (problem) throw this.corruptError(problem)
    const exists = `A session with id ${id} already exists.`
    if (this.state.records.has(id)) throw new MirrorError('VALIDATION_FAILED', exists)
    const seen = new Set<string>()
    for (const m of messages) {
      if (m.sessionId !== id) {
        throw new MirrorError('VALIDATION_FAILED', `Message ${m.id} belongs to another session.`)
      }
      if (seen.has(m.id) || this.state.messageSession.has(m.id)) {
        throw new MirrorError('VALIDATION_FAILED', `A message with id ${m.id} already exists.`)
      }
      seen.add(m.id)
    }
    const index = await this.freshIndex()
    if (index?.sessions.includes(id)) throw new MirrorError('VALIDATION_FAILED', exists)
    const fileName = sessionFileName(id)
    if (await this.fs.exists(join(this.dir, fileName))) {
      // A file the index does not list is someone else's; never replace it.
      throw new MirrorError('VALIDATION_FAILED', `${fileName} already exists in the JSON store.`)
    }
    await this.writeSession(session, messages, null)
    try {
      await this.updateIndex((sessions) => [...sessions.filter((x) => x !== id), id])
    } catch (error) {
      this.state.records.delete(id)
      await this.fs.unlink(join(this.dir, fileName)).catch(() => undefined)
      throw error
    }
    for (const m of messages) this.state.messageSession.set(m.id, id)
  }

  createSession(session: Session): Promise<void> {
    return this.exclusive(() => this.addSession(clone(session), []))
  }

  importSession(session: Session, messages: Message[]): Promise<void> {
    return this.exclusive(() => this.addSession(clone(session), messages.map(clone)))
  }

  async getSession(id: string): Promise<Session> {
    return clone(this.record(id).session)
  }

  async hasSession(id: string): Promise<boolean> {
    this.assertIndexUsable()
    return this.state.records.has(id) || this.state.corrupt.has(id)
  }

  async listSessions(options: ListSessionsOptions = {}): Promise<SessionPage> {
    this.assertIndexUsable()
    return pageSessions(
      [...this.state.records.values()].map((r) => r.session),
      options,
    )
  }

  updateSession(id: string, patch: SessionPatch): Promise<Session> {
    return this.exclusive(async () => {
      const record = this.record(id)
      const session: Session = { ...record.session, updatedAt: patch.updatedAt }
      if (patch.title !== undefined) session.title = patch.title
      if (patch.archived !== undefined) session.archived = patch.archived
      if (patch.metadata !== undefined) session.metadata = clone(patch.metadata)
      const written = await this.writeSession(session, record.messages, record)
      return clone(written.session)
    })
  }

  deleteSession(id: string): Promise<void> {
    return this.exclusive(async () => {
      const record = this.record(id)
      await this.updateIndex((sessions) => sessions.filter((x) => x !== id))
      this.state.records.delete(id)
      for (const m of record.messages) this.state.messageSession.delete(m.id)
      const fileName = sessionFileName(id)
      try {
        await this.fs.unlink(join(this.dir, fileName))
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return
        throw new MirrorError(
          'STORAGE_UNAVAILABLE',
          `The session was removed from ${INDEX_FILE} but ${fileName} could not be deleted (${errorCode(error) ?? 'unlink failed'}).`,
          { file: fileName },
        )
      }
    })
  }

  appendMessage(message: Message): Promise<void> {
    return this.exclusive(async () => {
      const record = this.record(message.sessionId)
      if (this.state.messageSession.has(message.id)) {
        throw new MirrorError(
          'VALIDATION_FAILED',
          `A message with id ${message.id} already exists.`,
        )
      }
      const session = { ...record.session, updatedAt: message.createdAt }
      await this.writeSession(session, [...record.messages, clone(message)], record)
      this.state.messageSession.set(message.id, message.sessionId)
    })
  }

  updateMessage(message: Message): Promise<void> {
    return this.exclusive(async () => {
      const { record, index } = this.locate(message.id)
      if (record.session.id !== message.sessionId) {
        throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another session.')
      }
      const messages = [...record.messages]
      messages[index] = clone(message)
      await this.writeSession(record.session, messages, record)
    })
  }

  async getMessage(id: string): Promise<Message> {
    const { record, index } = this.locate(id)
    return clone(record.messages[index]!)
  }

  async listMessages(sessionId: string, options: ListMessagesOptions = {}): Promise<MessagePage> {
    return pageMessages(this.record(sessionId).messages, options)
  }

  async search(query: string, options: SearchOptions = {}): Promise<StorageSearchHit[]> {
    this.assertIndexUsable()
    return searchRecords(this.state.records.values(), query, options)
  }

  async problems(): Promise<StorageProblem[]> {
    return clone(this.state.problems)
  }

  async close(): Promise<void> {
    await this.queue
  }
}
