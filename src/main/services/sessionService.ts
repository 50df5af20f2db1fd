import type { Message, MessagePage, SearchHit, Session, SessionPage } from '../../shared/domain'
import { MessageSchema } from '../../shared/domain'
import { isMirrorError, MirrorError } from '../../shared/errors'
import type { SessionPreferences } from '../../shared/routes'
import { SessionPreferencesSchema } from '../../shared/routes'
import type {
  ListMessagesOptions,
  ListSessionsOptions,
  Storage,
  StorageProblem,
} from '../storage/storage'
import type { SessionApi } from './contracts'
import { resolveIdPrefix } from './idResolver'
import type { Clock, IdGenerator } from './ids'

import { DEFAULT_SESSION_TITLE, untouched } from './titles/titleSource'

export { DEFAULT_SESSION_TITLE }
const MAX_TITLE = 200
const MAX_LIMIT = 500
/** How many newer messages a `messagesAround` page shows after the target. */
const AROUND_AFTER = 5

export interface SessionServiceDeps {
  storage: Storage
  clock: Clock
  ids: IdGenerator
}

function invalid(message: string): MirrorError {
  return new MirrorError('VALIDATION_FAILED', message)
}

// Titles are one line: control characters (newlines, tabs) become spaces before trimming.
function cleanTitle(raw: unknown): string {
  if (typeof raw !== 'string') throw invalid('The title must be text.')
  // eslint-disable-next-line no-control-regex
  const title = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (title.length === 0) throw invalid('The title cannot be empty.')
  if (title.length > MAX_TITLE) throw invalid(`The title is longer than ${MAX_TITLE} characters.`)
  return title
}

function checkLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw invalid(`The limit must be a whole number from 1 to ${MAX_LIMIT}.`)
  }
  return limit
}

function checkId(id: unknown, what = 'session'): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 200) {
    throw invalid(`The ${what} id is not valid.`)
  }
  return id
}

export class SessionService implements SessionApi {
  private readonly storage: Storage
  private readonly clock: Clock
  private readonly ids: IdGenerator

  constructor({ storage, clock, ids }: SessionServiceDeps) {
    this.storage = storage
    this.clock = clock
    this.ids = ids
  }

  private now(): string {
    return this.clock.now().toISOString()
  }

  /** A title given here is the user's: no automatic title replaces it. */
  async create(input: { title?: string } = {}): Promise<Session> {
    const title = input.title === undefined ? DEFAULT_SESSION_TITLE : cleanTitle(input.title)
    const now = this.now()
    const session: Session = {
      id: this.ids.sessionId(),
      title,
      createdAt: now,
      updatedAt: now,
      messageCount: 0,
      archived: false,
      metadata: input.title === undefined ? {} : { titleSource: 'user' },
      currentLeafId: null,
      pinned: false,
      folderId: null,
    }
    await this.storage.createSession(session)
    return session
  }

  /**
   * What the app's "New session" does: the most recent untouched empty session among the
   * newest page is opened again (moved to the top) rather than another one piling up.
   */
  async createOrReuse(): Promise<Session> {
    const { items } = await this.storage.listSessions({ archived: false, limit: 50 })
    const empty = items.find(untouched)
    if (!empty) return this.create()
    return this.storage.updateSession(empty.id, { updatedAt: this.now() })
  }

  async get(id: string): Promise<Session> {
    return this.storage.getSession(checkId(id))
  }

  async resolveId(idOrPrefix: string): Promise<string> {
    return resolveIdPrefix(this.storage, 'session', checkId(idOrPrefix))
  }

  async resolveMessageId(idOrPrefix: string): Promise<string> {
    return resolveIdPrefix(this.storage, 'message', checkId(idOrPrefix, 'message'))
  }

  async list(options: ListSessionsOptions = {}): Promise<SessionPage> {
    const archived = options.archived ?? false
    if (archived !== true && archived !== false && archived !== 'all') {
      throw invalid('archived must be true, false or "all".')
    }
    return this.storage.listSessions({
      archived,
      limit: checkLimit(options.limit, 50),
      cursor: options.cursor ?? null,
      ...(options.folderId !== undefined && {
        folderId: options.folderId === null ? null : checkId(options.folderId, 'folder'),
      }),
    })
  }

  async messages(
    id: string,
    options: { limit?: number; before?: string | null } = {},
  ): Promise<MessagePage> {
    const limit = checkLimit(options.limit, 50)
    const before = options.before == null ? null : checkId(options.before, 'message')
    await this.storage.getSession(checkId(id))
    return this.storage.listMessages(id, { limit, before })
  }

  /** The message with its neighbours: two page reads, whatever the session's size. */
  async messagesAround(id: string, messageId: string, limit = 50): Promise<MessagePage> {
    const size = checkLimit(limit, 50)
    const target = await this.storage.getMessage(checkId(messageId, 'message'))
    if (target.sessionId !== checkId(id)) {
      throw new MirrorError('NOT_FOUND', `No message with id ${messageId} in this session.`)
    }
    const room = size - 1
    // Up to AROUND_AFTER newer ones; when the start of the session is near, newer ones fill in.
    const newer =
      room > 0 ? (await this.pathPage(id, messageId, { limit: room, after: messageId })).items : []
    const page = await this.pathPage(id, messageId, { limit: Math.max(room, 1), before: messageId })
    const olderTake = Math.min(page.items.length, room - Math.min(AROUND_AFTER, newer.length))
    const older = page.items.slice(page.items.length - olderTake)
    // As the path lists it: with its version fields.
    const listed = (await this.storage.listVersions(messageId)).find((m) => m.id === messageId)
    return {
      items: [...older, listed ?? target, ...newer.slice(0, room - olderTake)],
      hasOlder: page.hasOlder || page.items.length > olderTake,
    }
  }

  /** Paging needs the message on the current path: a hit on another version says so. */
  private async pathPage(
    id: string,
    messageId: string,
    options: ListMessagesOptions,
  ): Promise<MessagePage> {
    try {
      return await this.storage.listMessages(id, options)
    } catch (error) {
      if (!isMirrorError(error) || error.code !== 'NOT_FOUND') throw error
      throw new MirrorError(
        'NOT_FOUND',
        `Message ${messageId} is on another version of this conversation; switch to it first (messages.switch).`,
      )
    }
  }

  /** The user named it: automatic titles leave it alone from now on. */
  async rename(id: string, title: string): Promise<Session> {
    const clean = cleanTitle(title)
    const session = await this.storage.getSession(checkId(id))
    return this.storage.updateSession(id, {
      title: clean,
      metadata: { ...session.metadata, titleSource: 'user' },
      updatedAt: this.now(),
    })
  }

  async archive(id: string): Promise<Session> {
    return this.storage.updateSession(checkId(id), { archived: true, updatedAt: this.now() })
  }

  async unarchive(id: string): Promise<Session> {
    return this.storage.updateSession(checkId(id), { archived: false, updatedAt: this.now() })
  }

  async delete(id: string): Promise<void> {
    await this.storage.deleteSession(checkId(id))
  }

  /** Preferences are settings, not activity: `updatedAt` (list order) is left as it was. */
  async setPreferences(id: string, preferences: SessionPreferences): Promise<Session> {
    const parsed = SessionPreferencesSchema.strict().safeParse(preferences)
    if (!parsed.success) throw invalid('Preferences need a known pattern and uncertainty level.')
    const session = await this.storage.getSession(checkId(id))
    return this.storage.updateSession(id, {
      metadata: { ...session.metadata, preferences: parsed.data },
      updatedAt: session.updatedAt,
    })
  }

  async search(
    query: string,
    options: { limit?: number } = {},
  ): Promise<{ sessions: Session[]; hits: SearchHit[] }> {
    const limit = checkLimit(options.limit, 20)
    if (typeof query !== 'string' || query.trim().length === 0)
      throw invalid('The search is empty.')
    const { items: sessions } = await this.storage.listSessions({
      archived: 'all',
      titleContains: query.trim(),
      limit,
    })
    const found = await this.storage.search(query.trim(), { limit })
    // The bm25 score is for ranking inside the core (recall), not part of a search hit.
    const hits = found.map(({ score: _score, ...hit }) => hit)
    return { sessions, hits }
  }

  problems(): Promise<StorageProblem[]> {
    return this.storage.problems()
  }

  /** Stores a message the chat service built; the session's count and updatedAt follow. */
  async append(message: Message): Promise<Message> {
    const parsed = MessageSchema.safeParse(message)
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'message'
      throw invalid(`The message is not valid (${field}).`)
    }
    await this.storage.appendMessage(parsed.data)
    return parsed.data
  }
}
