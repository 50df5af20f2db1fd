import type { Queryable } from './pgPool'
import { PgPool, first, rows } from './pgPool'
import type { PgConnectionOptions } from './pgPool'
import { MirrorError } from '../../../shared/errors'
import type {
  NearestOptions,
  VectorEntry,
  VectorHit,
  VectorSpace,
  VectorStore,
} from '../vectorStore'
import { checkVectors } from '../vectorStore'

/**
 * Without pgvector, similarity is computed over the newest CANDIDATES vectors only (a float4[]
 * dot product per row): bounded work per query, at the price of not seeing older messages.
 */
export const FALLBACK_CANDIDATES = 20_000

const TABLES = `
  CREATE TABLE IF NOT EXISTS vector_space (
    id integer PRIMARY KEY CHECK (id = 1),
    model_key text NOT NULL,
    dimension integer NOT NULL
  );
  CREATE TABLE IF NOT EXISTS vector_sessions (
    session_id text PRIMARY KEY,
    indexed_through text NOT NULL
  );`

const vectorTable = (pgvector: boolean, dimension: number | null): string => `
  CREATE TABLE IF NOT EXISTS message_vectors (
    message_id text PRIMARY KEY,
    session_id text NOT NULL,
    created_at text NOT NULL,
    ${pgvector ? `embedding vector${dimension ? `(${dimension})` : ''} NOT NULL` : 'embedding float4[] NOT NULL, norm float4 NOT NULL'}
  );
  CREATE INDEX IF NOT EXISTS message_vectors_session ON message_vectors (session_id);
  ${pgvector ? '' : 'CREATE INDEX IF NOT EXISTS message_vectors_created ON message_vectors (created_at);'}`

const literal = (vector: Float32Array): string => `[${Array.from(vector).join(',')}]`

function norm(vector: Float32Array): number {
  let sum = 0
  for (const x of vector) sum += x * x
  return Math.sqrt(sum)
}

interface HitRow {
  message_id: string
  session_id: string
  created_at: string
  similarity: number
}

/**
 * Vectors in the PostgreSQL history's own schema: with the pgvector extension when the server
 * has it (`CREATE EXTENSION IF NOT EXISTS vector` succeeds: a vector(D) column and an HNSW
 * cosine index), else a float4[] column and cosine over a bounded set of the newest vectors.
 */
export class PgVectorStore implements VectorStore {
  private constructor(
    private readonly db: PgPool,
    readonly pgvector: boolean,
    private dimension: number | null,
  ) {}

  static async open(options: PgConnectionOptions): Promise<PgVectorStore> {
    const db = new PgPool({ ...options, maxConnections: options.maxConnections ?? 2 })
    try {
      const pgvector = await db.read(async (q) => {
        try {
          await q.query('CREATE EXTENSION IF NOT EXISTS vector')
          return true
        } catch {
          return false
        }
      })
      const space = await db.write(async (tx) => {
        await tx.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema.replaceAll('"', '""')}"`)
        await tx.query(TABLES)
        // Made by a run with(out) pgvector, the other kind of column: start over (derived data).
        const column = await first<{ type: string }>(
          tx,
          `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
           WHERE attrelid = to_regclass('message_vectors') AND attname = 'embedding'`,
        )
        if (column && column.type.startsWith('vector') !== pgvector) {
          await tx.query('DROP TABLE message_vectors')
          await tx.query('DELETE FROM vector_sessions')
          await tx.query('DELETE FROM vector_space')
        }
        await tx.query(vectorTable(pgvector, null))
        return first<{ dimension: number }>(tx, 'SELECT dimension FROM vector_space')
      })
      return new PgVectorStore(db, pgvector, space?.dimension ?? null)
    } catch (error) {
      await db.pool.end().catch(() => undefined)
      throw error
    }
  }

  async space(): Promise<VectorSpace | null> {
    const row = await this.db.read((q) =>
      first<{ model_key: string; dimension: number }>(
        q,
        'SELECT model_key, dimension FROM vector_space',
      ),
    )
    return row ? { key: row.model_key, dimension: row.dimension } : null
  }

  async reset(space: VectorSpace): Promise<void> {
    if (!Number.isInteger(space.dimension) || space.dimension < 1 || space.dimension > 16_000) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        `Unsupported embedding dimension ${space.dimension}.`,
      )
    }
    await this.db.write(async (tx) => {
      await tx.query('DROP TABLE IF EXISTS message_vectors')
      await tx.query(vectorTable(this.pgvector, space.dimension))
      if (this.pgvector && space.dimension <= 2000) {
        await tx.query(
          'CREATE INDEX message_vectors_hnsw ON message_vectors USING hnsw (embedding vector_cosine_ops)',
        )
      }
      await tx.query('DELETE FROM vector_sessions')
      await tx.query('DELETE FROM vector_space')
      await tx.query('INSERT INTO vector_space (id, model_key, dimension) VALUES (1, $1, $2)', [
        space.key,
        space.dimension,
      ])
    })
    this.dimension = space.dimension
  }

  async put(entries: readonly VectorEntry[]): Promise<void> {
    checkVectors(entries, this.dimension)
    await this.db.write(async (tx) => {
      for (const e of entries) {
        await tx.query(
          this.pgvector
            ? `INSERT INTO message_vectors (message_id, session_id, created_at, embedding)
               VALUES ($1, $2, $3, $4::vector)
               ON CONFLICT (message_id) DO UPDATE SET embedding = excluded.embedding`
            : `INSERT INTO message_vectors (message_id, session_id, created_at, embedding, norm)
               VALUES ($1, $2, $3, $4::float4[], $5)
               ON CONFLICT (message_id) DO UPDATE SET embedding = excluded.embedding, norm = excluded.norm`,
          this.pgvector
            ? [e.messageId, e.sessionId, e.createdAt, literal(e.vector)]
            : [e.messageId, e.sessionId, e.createdAt, Array.from(e.vector), norm(e.vector)],
        )
      }
    })
  }

  async messageIdsOf(sessionId: string): Promise<Set<string>> {
    const found = await this.db.read((q) =>
      rows<{ message_id: string }>(
        q,
        'SELECT message_id FROM message_vectors WHERE session_id = $1',
        [sessionId],
      ),
    )
    return new Set(found.map((r) => r.message_id))
  }

  async remove(messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return
    await this.db.write((tx) =>
      tx.query('DELETE FROM message_vectors WHERE message_id = ANY($1::text[])', [[...messageIds]]),
    )
  }

  async sessionIds(): Promise<Set<string>> {
    const found = await this.db.read((q) =>
      rows<{ session_id: string }>(
        q,
        'SELECT session_id FROM message_vectors UNION SELECT session_id FROM vector_sessions',
      ),
    )
    return new Set(found.map((r) => r.session_id))
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.db.write(async (tx) => {
      await tx.query('DELETE FROM message_vectors WHERE session_id = $1', [sessionId])
      await tx.query('DELETE FROM vector_sessions WHERE session_id = $1', [sessionId])
    })
  }

  async indexedThrough(sessionId: string): Promise<string | null> {
    const row = await this.db.read((q) =>
      first<{ indexed_through: string }>(
        q,
        'SELECT indexed_through FROM vector_sessions WHERE session_id = $1',
        [sessionId],
      ),
    )
    return row?.indexed_through ?? null
  }

  async markIndexed(sessionId: string, mark: string): Promise<void> {
    await this.db.write((tx) =>
      tx.query(
        `INSERT INTO vector_sessions (session_id, indexed_through) VALUES ($1, $2)
         ON CONFLICT (session_id) DO UPDATE SET indexed_through = excluded.indexed_through`,
        [sessionId, mark],
      ),
    )
  }

  async nearest(vector: Float32Array, options: NearestOptions): Promise<VectorHit[]> {
    if (this.dimension === null || vector.length !== this.dimension || options.limit < 1) return []
    const excluded = [...(options.excludeSessionIds ?? [])]
    const found = await this.db.read((q: Queryable) =>
      this.pgvector
        ? rows<HitRow>(
            q,
            `SELECT message_id, session_id, created_at, 1 - (embedding <=> $1::vector) AS similarity
             FROM message_vectors WHERE NOT (session_id = ANY($2::text[]))
             ORDER BY embedding <=> $1::vector LIMIT $3`,
            [literal(vector), excluded, options.limit],
          )
        : rows<HitRow>(
            q,
            `SELECT message_id, session_id, created_at,
               CASE WHEN norm = 0 OR $4::float8 = 0 THEN 0 ELSE
                 (SELECT sum(a * b) FROM unnest(embedding, $1::float4[]) AS t(a, b)) / (norm * $4::float8)
               END AS similarity
             FROM (SELECT * FROM message_vectors WHERE NOT (session_id = ANY($2::text[]))
                   ORDER BY created_at DESC LIMIT $5) AS candidates
             ORDER BY similarity DESC LIMIT $3`,
            [Array.from(vector), excluded, options.limit, norm(vector), FALLBACK_CANDIDATES],
          ),
    )
    return found.map((r) => ({
      messageId: r.message_id,
      sessionId: r.session_id,
      createdAt: r.created_at,
      similarity: Number(r.similarity),
    }))
  }

  async close(): Promise<void> {
    await this.db.pool.end()
  }
}
