import Database from '../sqlite/driver'
import type { Database as Db, Statement } from '../sqlite/driver'
import { MirrorError } from '../../shared/errors'
import { checkDatabaseFile, corruptFile } from '../sqlite/fileCheck'
import { toMirrorError } from '../sqlite/sqliteErrors'
import type { StoredEntry } from './chain'
import { nativeBindingOption } from '../sqlite/nativeBinding'
import { keyDatabase } from '../sqlite/cipher'

export const CONTINUITY_FILE_NAME = 'continuity.db'
const SCHEMA_VERSION = 1

export interface ContinuityStoreOptions {
  /** better_sqlite3.node for Electron's ABI (see src/main/sqlite/nativeBinding.ts). */
  nativeBinding?: string
  /** The database key (sqlite/cipher.ts) when the log is, or is to be created, encrypted. */
  key?: Buffer
  /** How long an append waits for another process's lock before STORAGE_BUSY. Default 5000. */
  busyTimeoutMs?: number
}

interface EntryRow {
  seq: number
  id: string
  at: string
  type: string
  subject: string | null
  data: string
  prev_hash: string
  hash: string
}

const COLUMNS = 'seq, id, at, type, subject, data, prev_hash, hash'

const fromRow = (row: EntryRow): StoredEntry => ({
  seq: row.seq,
  id: row.id,
  at: row.at,
  type: row.type,
  subject: row.subject,
  data: row.data,
  prevHash: row.prev_hash,
  hash: row.hash,
})

export interface ChainHead {
  seq: number
  hash: string
}

function createSchema(db: Db, file: string): void {
  db.transaction(() => {
    // Re-read inside the write lock: another process may have created it meanwhile.
    const version = db.pragma('user_version', { simple: true }) as number
    if (version >= SCHEMA_VERSION) return
    const tables = db
      .prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
      .pluck()
      .get() as number
    if (tables > 0) throw corruptFile(file, 'it holds tables that are not a continuity log')
    // seq is the chain position; hashes are checked by the app, not by constraints, so that
    // tampering is reported by verify() rather than hidden behind a write error.
    db.exec(`
      CREATE TABLE continuity_entries (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        type TEXT NOT NULL,
        subject TEXT,
        data TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX continuity_by_subject ON continuity_entries (subject, seq);
    `)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}

/**
 * `continuity.db`: its own SQLite file (WAL, busy_timeout) so the log survives a switch of
 * session storage and clearing it never touches sessions. Rows only; hashing is the caller's.
 */
export class ContinuityStore {
  private readonly statements = new Map<string, Statement<unknown[], unknown>>()

  private constructor(
    private readonly db: Db,
    readonly file: string,
  ) {}

  static open(file: string, options: ContinuityStoreOptions = {}): ContinuityStore {
    checkDatabaseFile(file, { encrypted: options.key !== undefined })
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000
    let db: Db
    try {
      db = new Database(file, {
        timeout: busyTimeoutMs,
        ...nativeBindingOption(options.nativeBinding),
      })
    } catch (error) {
      throw toMirrorError(error, file)
    }
    try {
      if (options.key) keyDatabase(db, options.key, file)
      const version = db.pragma('user_version', { simple: true }) as number
      if (version > SCHEMA_VERSION) {
        throw new MirrorError(
          'STORAGE_UNAVAILABLE',
          `The continuity log ${file} was written by a newer ActiveMirror; update to open it.`,
          { file },
        )
      }
      db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`)
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = NORMAL')
      createSchema(db, file)
    } catch (error) {
      db.close()
      throw toMirrorError(error, file)
    }
    return new ContinuityStore(db, file)
  }

  private sql<Row>(text: string): Statement<unknown[], Row> {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement as Statement<unknown[], Row>
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn()
    } catch (error) {
      throw toMirrorError(error, this.file)
    }
  }

  private head(): ChainHead | null {
    return (
      this.sql<ChainHead>(
        'SELECT seq, hash FROM continuity_entries ORDER BY seq DESC LIMIT 1',
      ).get() ?? null
    )
  }

  private insert(entry: StoredEntry): void {
    this.sql(
      `INSERT INTO continuity_entries (${COLUMNS})
       VALUES (@seq, @id, @at, @type, @subject, @data, @prevHash, @hash)`,
    ).run(entry)
  }

  /**
   * Reads the head and inserts the entry `build` makes from it in one IMMEDIATE transaction, so
   * appends from several processes queue on the write lock and still form one chain.
   */
  append(build: (head: ChainHead | null) => StoredEntry): StoredEntry {
    return this.guard(() =>
      this.db
        .transaction((): StoredEntry => {
          const entry = build(this.head())
          this.insert(entry)
          return entry
        })
        .immediate(),
    )
  }

  /**
   * `append` for several entries in one IMMEDIATE transaction (an import's batch of sessions):
   * each is built on the one before it, so they form one stretch of the chain.
   */
  appendAll(builds: ReadonlyArray<(head: ChainHead | null) => StoredEntry>): StoredEntry[] {
    return this.guard(() =>
      this.db
        .transaction((): StoredEntry[] => {
          let head = this.head()
          return builds.map((build) => {
            const entry = build(head)
            this.insert(entry)
            head = { seq: entry.seq, hash: entry.hash }
            return entry
          })
        })
        .immediate(),
    )
  }

  /** Deletes every entry and inserts the one `build` makes, in one IMMEDIATE transaction. */
  replaceAll(build: (removed: number, head: ChainHead | null) => StoredEntry): StoredEntry {
    return this.guard(() =>
      this.db
        .transaction((): StoredEntry => {
          const head = this.head()
          const removed = this.count()
          this.sql('DELETE FROM continuity_entries').run()
          const entry = build(removed, head)
          this.insert(entry)
          return entry
        })
        .immediate(),
    )
  }

  count(): number {
    return this.guard(
      () => this.sql<{ n: number }>('SELECT count(*) AS n FROM continuity_entries').get()!.n,
    )
  }

  /** Up to `limit` entries after seq `after`, oldest first (a backup reads the log page by page). */
  pageAfter(after: number, limit: number): StoredEntry[] {
    return this.guard(() =>
      this.sql<EntryRow>(
        `SELECT ${COLUMNS} FROM continuity_entries WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
        .all(after, limit)
        .map(fromRow),
    )
  }

  hasId(id: string): boolean {
    return this.guard(
      () => this.sql('SELECT 1 FROM continuity_entries WHERE id = ?').get(id) !== undefined,
    )
  }

  /** Every entry in seq order, streamed (one statement, so one consistent WAL snapshot). */
  *entries(): Generator<StoredEntry> {
    const rows = this.sql<EntryRow>(
      `SELECT ${COLUMNS} FROM continuity_entries ORDER BY seq`,
    ).iterate()
    for (const row of rows) yield fromRow(row)
  }

  /** Newest first, strictly before `before` (a seq) when given. */
  page(limit: number, before: number | null): StoredEntry[] {
    return this.guard(() => {
      const rows =
        before === null
          ? this.sql<EntryRow>(
              `SELECT ${COLUMNS} FROM continuity_entries ORDER BY seq DESC LIMIT ?`,
            ).all(limit)
          : this.sql<EntryRow>(
              `SELECT ${COLUMNS} FROM continuity_entries WHERE seq < ? ORDER BY seq DESC LIMIT ?`,
            ).all(before, limit)
      return rows.map(fromRow)
    })
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
