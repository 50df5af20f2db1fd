import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { MirrorError } from '../../shared/errors'
import type { Clock } from '../services/ids'
import { toMirrorError } from '../sqlite/sqliteErrors'
import { systemClock } from '../services/ids'
import { canonicalJson, entryHash, verifyChain } from './chain'
import type { StoredEntry } from './chain'
import { CONTINUITY_FILE_NAME, ContinuityStore } from './continuityStore'
import type { ChainHead, ContinuityStoreOptions } from './continuityStore'
import { CONTINUITY_DATA_SCHEMAS, ContinuityTypeSchema, GENESIS_HASH } from './continuityTypes'
import type {
  ContinuityData,
  ContinuityEntry,
  ContinuityPage,
  ContinuityType,
  VerifyResult,
} from './continuityTypes'

const MAX_PAGE = 500
const MAX_SUBJECT = 200

export type AppendableType = Exclude<ContinuityType, 'log.cleared'>

/** One event to append: what `append` takes as its arguments. */
export interface ContinuityEvent<T extends AppendableType = AppendableType> {
  type: T
  subject: string | null
  data: ContinuityData<T>
}

/** What hosts, the decorator and future routes call. */
export interface ContinuityApi {
  append<T extends AppendableType>(
    type: T,
    subject: string | null,
    data: ContinuityData<T>,
  ): Promise<ContinuityEntry>
  /** Several appends in one write (an import's batch): all are recorded, or none. */
  appendMany(events: readonly ContinuityEvent[]): Promise<ContinuityEntry[]>
  /** Newest first, for the timeline. */
  list(options?: { limit?: number; before?: number | null }): Promise<ContinuityPage>
  /** Walks the whole chain; names the first broken entry. */
  verify(): Promise<VerifyResult>
  /** Up to `limit` entries after seq `after`, oldest first (full backups, docs/backup.md). */
  entriesAfter(after: number, limit: number): Promise<ContinuityEntry[]>
  /** Whether an entry with this id is in the log. */
  hasEntry(id: string): Promise<boolean>
  /**
   * Appends an entry from a backup at the head of this chain, keeping its id, time, type,
   * subject and data (seq, prevHash and hash follow this chain: onto an empty log, or one the
   * backup's log continues, that is the entry exactly as it was). false: the id is present.
   */
  importEntry(entry: ContinuityEntry): Promise<boolean>
  /** The only way to empty the log: leaves one `log.cleared` genesis entry. */
  clear(): Promise<ContinuityEntry>
  close(): Promise<void>
}

export interface ContinuityLogDeps {
  store: ContinuityStore
  clock?: Clock
  newId?: () => string
}

const invalid = (message: string): MirrorError => new MirrorError('VALIDATION_FAILED', message)

function toEntry(stored: StoredEntry): ContinuityEntry {
  let data: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(stored.data)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      data = parsed as Record<string, unknown>
    }
  } catch {
    // A damaged row still shows on the timeline; verify() reports it.
  }
  const { data: _text, ...rest } = stored
  return { ...rest, data }
}

/** The tamper-evident record of what happened (format: docs/continuity.md). */
export class ContinuityLog implements ContinuityApi {
  private readonly store: ContinuityStore
  private readonly clock: Clock
  private readonly newId: () => string

  constructor({ store, clock = systemClock, newId = randomUUID }: ContinuityLogDeps) {
    this.store = store
    this.clock = clock
    this.newId = newId
  }

  get file(): string {
    return this.store.file
  }

  private seal(
    head: ChainHead | null,
    type: ContinuityType,
    subject: string | null,
    data: Record<string, unknown>,
  ): StoredEntry {
    const fields = {
      seq: head ? head.seq + 1 : 1,
      id: this.newId(),
      at: this.clock.now().toISOString(),
      type,
      subject,
      data,
      prevHash: head ? head.hash : GENESIS_HASH,
    }
    return { ...fields, data: canonicalJson(data), hash: entryHash(fields) }
  }

  async append<T extends AppendableType>(
    type: T,
    subject: string | null,
    data: ContinuityData<T>,
  ): Promise<ContinuityEntry> {
    const build = this.checked({ type, subject, data })
    return toEntry(this.store.append(build))
  }

  async appendMany(events: readonly ContinuityEvent[]): Promise<ContinuityEntry[]> {
    const builds = events.map((event) => this.checked(event))
    return this.store.appendAll(builds).map(toEntry)
  }

  /** The event validated, as a builder of its entry on a chain head. */
  private checked(event: ContinuityEvent): (head: ChainHead | null) => StoredEntry {
    const { type, subject, data } = event
    const parsedType = ContinuityTypeSchema.safeParse(type)
    if (!parsedType.success || parsedType.data === 'log.cleared') {
      throw invalid(`Unknown continuity event type ${String(type)}.`)
    }
    if (subject !== null && (typeof subject !== 'string' || subject.length > MAX_SUBJECT)) {
      throw invalid('The continuity subject must be an id of at most 200 characters.')
    }
    const parsed = CONTINUITY_DATA_SCHEMAS[parsedType.data].safeParse(data)
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'data'
      throw invalid(`The ${type} event data is not valid (${field}).`)
    }
    const clean = parsed.data as Record<string, unknown>
    return (head) => this.seal(head, parsedType.data, subject, clean)
  }

  async list(options: { limit?: number; before?: number | null } = {}): Promise<ContinuityPage> {
    const limit = options.limit ?? 50
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw invalid(`The limit must be a whole number from 1 to ${MAX_PAGE}.`)
    }
    const before = options.before ?? null
    if (before !== null && (!Number.isInteger(before) || before < 1)) {
      throw invalid('`before` must be an entry seq.')
    }
    const rows = this.store.page(limit + 1, before)
    const items = rows.slice(0, limit).map(toEntry)
    const last = items[items.length - 1]
    return { items, nextBefore: rows.length > limit && last ? last.seq : null }
  }

  async verify(): Promise<VerifyResult> {
    try {
      return verifyChain(this.store.entries(), () => this.store.count())
    } catch (error) {
      throw toMirrorError(error, this.store.file)
    }
  }

  async entriesAfter(after: number, limit: number): Promise<ContinuityEntry[]> {
    return this.store.pageAfter(after, Math.min(Math.max(limit, 1), MAX_PAGE)).map(toEntry)
  }

  async hasEntry(id: string): Promise<boolean> {
    return this.store.hasId(id)
  }

  async importEntry(entry: ContinuityEntry): Promise<boolean> {
    if (this.store.hasId(entry.id)) return false
    this.store.append((head) => {
      const fields = {
        seq: head ? head.seq + 1 : 1,
        id: entry.id,
        at: entry.at,
        type: entry.type,
        subject: entry.subject,
        data: entry.data,
        prevHash: head ? head.hash : GENESIS_HASH,
      }
      return { ...fields, data: canonicalJson(entry.data), hash: entryHash(fields) }
    })
    return true
  }

  async clear(): Promise<ContinuityEntry> {
    const entry = this.store.replaceAll((removed, head) =>
      this.seal(null, 'log.cleared', null, { removed, previousHead: head ? head.hash : null }),
    )
    return toEntry(entry)
  }

  async close(): Promise<void> {
    this.store.close()
  }
}

/**
 * Opens `<dir>/continuity.db` (dir: the app files dir, paths.appFilesDir) as a ContinuityLog.
 */
export function openContinuityLog(
  dir: string,
  options: ContinuityStoreOptions & { clock?: Clock } = {},
): ContinuityLog {
  const { clock, ...storeOptions } = options
  const store = ContinuityStore.open(path.join(dir, CONTINUITY_FILE_NAME), storeOptions)
  return new ContinuityLog({ store, ...(clock ? { clock } : {}) })
}
