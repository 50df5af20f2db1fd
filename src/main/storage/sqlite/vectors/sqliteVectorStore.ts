import fs from 'node:fs'
import { getLoadablePath } from 'sqlite-vec'
import { isMirrorError } from '../../../../shared/errors'
import { isEncryptedFile, keyDatabase } from '../../../sqlite/cipher'
import Database from '../../../sqlite/driver'
import type { Database as Db } from '../../../sqlite/driver'
import { resolveNativeBinding } from '../../../sqlite/nativeBinding'
import type {
  NearestOptions,
  VectorEntry,
  VectorHit,
  VectorSpace,
  VectorStore,
} from '../../vectorStore'
import { checkVectors } from '../../vectorStore'
import { VECTOR_SCHEMA_VERSION, createVecTable, createVectorTables } from './vectorSchema'

/** sqlite-vec's largest k for one KNN query. */
const MAX_K = 4096

export const VECTORS_FILE_NAME = 'vectors.db'

export interface VectorStoreOptions {
  /** The history's database key when history is encrypted: vectors are then encrypted too. */
  key?: Buffer
  nativeBinding?: string
}

function removeFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
}

/** sqlite-vec's library; in a packaged app, the unpacked copy (SQLite cannot read inside asar). */
export function vecExtensionPath(): string {
  return getLoadablePath().replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
}

function connect(file: string, options: VectorStoreOptions): Db {
  const nativeBinding = resolveNativeBinding(options.nativeBinding)
  const db = new Database(file, { timeout: 5000, ...(nativeBinding ? { nativeBinding } : {}) })
  try {
    if (options.key) keyDatabase(db, options.key, file)
    db.loadExtension(vecExtensionPath())
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Opens (or creates) the vector file. What it holds can always be computed again, so a file
 * that does not match (plain while history is encrypted or the reverse, another key, another
 * schema) is deleted and started afresh rather than refused: no plaintext vectors outlive
 * turning encryption on.
 */
export function openSqliteVectorStore(
  file: string,
  options: VectorStoreOptions = {},
): SqliteVectorStore {
  const inMemory = file === ':memory:'
  if (!inMemory && fs.existsSync(file) && isEncryptedFile(file) !== Boolean(options.key)) {
    removeFiles(file)
  }
  let db: Db
  try {
    db = connect(file, options)
  } catch (error) {
    if (inMemory || !(isMirrorError(error) && error.code === 'ENCRYPTION_KEY_MISSING')) throw error
    removeFiles(file)
    db = connect(file, options)
  }
  const version = db.pragma('user_version', { simple: true }) as number
  if (version !== 0 && version !== VECTOR_SCHEMA_VERSION && !inMemory) {
    db.close()
    removeFiles(file)
    db = connect(file, options)
  }
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  createVectorTables(db)
  return new SqliteVectorStore(db)
}

interface SpaceRow {
  model_key: string
  dimension: number
}

interface HitRow {
  message_id: string
  session_id: string
  created_at: string
  distance: number
}

/** sqlite-vec in its own SQLite file (encrypted like the history, with its key, when set). */
export class SqliteVectorStore implements VectorStore {
  private dimension: number | null

  constructor(private readonly db: Db) {
    this.dimension = this.readSpace()?.dimension ?? null
  }

  private readSpace(): VectorSpace | null {
    const row = this.db.prepare('SELECT model_key, dimension FROM vector_space').get() as
      SpaceRow | undefined
    return row ? { key: row.model_key, dimension: row.dimension } : null
  }

  async space(): Promise<VectorSpace | null> {
    return this.readSpace()
  }

  async reset(space: VectorSpace): Promise<void> {
    this.db.transaction(() => {
      this.db.exec(
        'DELETE FROM vector_messages; DELETE FROM vector_sessions; DELETE FROM vector_space',
      )
      createVecTable(this.db, space.dimension)
      this.db
        .prepare('INSERT INTO vector_space (id, model_key, dimension) VALUES (1, ?, ?)')
        .run(space.key, space.dimension)
    })()
    this.dimension = space.dimension
  }

  async put(entries: readonly VectorEntry[]): Promise<void> {
    checkVectors(entries, this.dimension)
    const upsert = this.db.prepare(
      `INSERT INTO vector_messages (message_id, session_id, created_at) VALUES (?, ?, ?)
       ON CONFLICT (message_id) DO UPDATE SET session_id = excluded.session_id
       RETURNING rowid`,
    )
    const drop = this.db.prepare('DELETE FROM message_vectors WHERE rowid = ?')
    const insert = this.db.prepare('INSERT INTO message_vectors (rowid, embedding) VALUES (?, ?)')
    this.db.transaction(() => {
      for (const entry of entries) {
        const rowid = upsert
          .pluck()
          .get(entry.messageId, entry.sessionId, entry.createdAt) as number
        drop.run(BigInt(rowid))
        insert.run(BigInt(rowid), entry.vector)
      }
    })()
  }

  async messageIdsOf(sessionId: string): Promise<Set<string>> {
    const ids = this.db
      .prepare('SELECT message_id FROM vector_messages WHERE session_id = ?')
      .pluck()
      .all(sessionId) as string[]
    return new Set(ids)
  }

  async remove(messageIds: readonly string[]): Promise<void> {
    const find = this.db.prepare('SELECT rowid FROM vector_messages WHERE message_id = ?').pluck()
    const dropVector = this.db.prepare('DELETE FROM message_vectors WHERE rowid = ?')
    const dropRow = this.db.prepare('DELETE FROM vector_messages WHERE rowid = ?')
    this.db.transaction(() => {
      for (const id of messageIds) {
        const rowid = find.get(id) as number | undefined
        if (rowid === undefined) continue
        if (this.dimension !== null) dropVector.run(BigInt(rowid))
        dropRow.run(rowid)
      }
    })()
  }

  async sessionIds(): Promise<Set<string>> {
    const ids = this.db
      .prepare(
        'SELECT session_id FROM vector_messages UNION SELECT session_id FROM vector_sessions',
      )
      .pluck()
      .all() as string[]
    return new Set(ids)
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.remove([...(await this.messageIdsOf(sessionId))])
    this.db.prepare('DELETE FROM vector_sessions WHERE session_id = ?').run(sessionId)
  }

  async indexedThrough(sessionId: string): Promise<string | null> {
    const value = this.db
      .prepare('SELECT indexed_through FROM vector_sessions WHERE session_id = ?')
      .pluck()
      .get(sessionId) as string | undefined
    return value ?? null
  }

  async markIndexed(sessionId: string, mark: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO vector_sessions (session_id, indexed_through) VALUES (?, ?)
         ON CONFLICT (session_id) DO UPDATE SET indexed_through = excluded.indexed_through`,
      )
      .run(sessionId, mark)
  }

  async nearest(vector: Float32Array, options: NearestOptions): Promise<VectorHit[]> {
    if (this.dimension === null || vector.length !== this.dimension || options.limit < 1) return []
    const excluded = options.excludeSessionIds ?? new Set<string>()
    // KNN cannot filter by session, so it looks further for what exclusions take away.
    const k = Math.min(MAX_K, options.limit * 4 + excluded.size * 8 + 16)
    const rows = this.db
      .prepare(
        `WITH knn AS (
           SELECT rowid, distance FROM message_vectors WHERE embedding MATCH ? AND k = ?
         )
         SELECT m.message_id, m.session_id, m.created_at, knn.distance
         FROM knn JOIN vector_messages m ON m.rowid = knn.rowid
         ORDER BY knn.distance`,
      )
      .all(vector, k) as HitRow[]
    return rows
      .filter((row) => !excluded.has(row.session_id))
      .slice(0, options.limit)
      .map((row) => ({
        messageId: row.message_id,
        sessionId: row.session_id,
        createdAt: row.created_at,
        similarity: 1 - row.distance,
      }))
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
