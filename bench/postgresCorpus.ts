import pg from 'pg'
import { migrate } from '../src/main/storage/sqlite/migrate'
import { migratePostgres } from '../src/main/storage/postgres/pgMigrate'
import { PgPool } from '../src/main/storage/postgres/pgPool'
import { indexedWords } from '../src/main/storage/postgres/searchWords'
import type { Message } from '../src/shared/domain'
import { INSERT_SQL, makeMessages, rawConnection, rowValues } from './storageCorpus'

// The PostgreSQL benchmark's corpus: `sessions` chains of `perSession` messages (the generator
// of bench/storageCorpus.ts), loaded the fast way into PostgreSQL and into SQLite, so both
// backends hold the same rows in their own schema.

export interface CorpusShape {
  sessions: number
  perSession: number
}

export const sessionId = (i: number): string => `session_${String(i).padStart(6, '0')}`

function* sessionsOf(shape: CorpusShape): Generator<{ id: string; messages: Message[] }> {
  for (let s = 0; s < shape.sessions; s++) {
    const id = sessionId(s)
    yield { id, messages: makeMessages(id, shape.perSession, s * shape.perSession, 11) }
  }
}

const SESSION_INSERT = `INSERT INTO sessions (id, title, title_folded, created_at, updated_at,
  message_count, current_leaf_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`

/**
 * Bulk load through unnest (one statement per chunk of sessions). The per-row triggers (search
 * totals, NOTIFY) are switched off for the load and the totals written once at the end; the GIN
 * index is built after the rows are in, as a bulk load into PostgreSQL is done.
 */
export async function loadPostgres(url: string, shape: CorpusShape): Promise<void> {
  const pool = new PgPool({ url })
  await migratePostgres(pool)
  await pool.close()
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('ALTER TABLE messages DISABLE TRIGGER USER')
  await client.query('ALTER TABLE sessions DISABLE TRIGGER USER')
  await client.query('DROP INDEX IF EXISTS messages_search')
  const columns: unknown[][] = Array.from({ length: 16 }, () => [])
  const flush = async (): Promise<void> => {
    if (columns[0]!.length === 0) return
    await client.query(
      `INSERT INTO messages (id, session_id, role, content, created_at, pattern, uncertainty,
         sensitive, status, provider, model, metadata, parent_id, active_child_id, on_path,
         search_words, word_count)
       SELECT id, sid, role, content, created, pattern, uncertainty, sensitive, status, provider,
         model, metadata, parent, child, true,
         CASE WHEN sensitive THEN NULL ELSE array_to_tsvector(string_to_array(words, ' ')) END,
         wc
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
         $14::text[], $15::text[], $16::int[])
         AS t(id, sid, role, content, created, pattern, uncertainty, sensitive, status, provider,
           model, metadata, parent, child, words, wc)`,
      columns,
    )
    for (const column of columns) column.length = 0
  }
  await client.query('BEGIN')
  for (const { id, messages } of sessionsOf(shape)) {
    const last = messages.at(-1)!
    await client.query(SESSION_INSERT, [
      id,
      `Session ${id}`,
      `session ${id}`,
      messages[0]!.createdAt,
      last.createdAt,
      messages.length,
      last.id,
    ])
    messages.forEach((m, i) => {
      const words = m.sensitive ? { words: [], count: 0 } : indexedWords(m.content)
      const values = [
        m.id,
        m.sessionId,
        m.role,
        m.content,
        m.createdAt,
        m.pattern,
        m.uncertainty,
        m.sensitive,
        m.status,
        m.provider,
        m.model,
        JSON.stringify(m.metadata),
        messages[i - 1]?.id ?? null,
        messages[i + 1]?.id ?? null,
        words.words.join(' '),
        words.count,
      ]
      values.forEach((v, c) => columns[c]!.push(v))
    })
    if (columns[0]!.length >= 20_000) await flush()
  }
  await flush()
  await client.query(`UPDATE sessions s SET indexed_messages = t.n, indexed_words = t.w
    FROM (SELECT session_id, count(*) AS n, sum(word_count) AS w FROM messages
          WHERE NOT sensitive GROUP BY session_id) t WHERE t.session_id = s.id`)
  await client.query('COMMIT')
  await client.query('CREATE INDEX messages_search ON messages USING gin (search_words)')
  await client.query('ALTER TABLE messages ENABLE TRIGGER USER')
  await client.query('ALTER TABLE sessions ENABLE TRIGGER USER')
  await client.query('VACUUM ANALYZE')
  await client.end()
}

/** The same rows in a SQLite file, the way bench/storageBench.ts fills one. */
export function loadSqlite(file: string, shape: CorpusShape): void {
  const db = rawConnection(file)
  migrate(db)
  const session = db.prepare(
    `INSERT INTO sessions (id, title, title_folded, created_at, updated_at, message_count,
       current_leaf_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  const insert = db.prepare(INSERT_SQL)
  const pointAt = db.prepare('UPDATE messages SET active_child_id = ? WHERE id = ?')
  db.transaction(() => {
    for (const { id, messages } of sessionsOf(shape)) {
      const last = messages.at(-1)!
      session.run(
        id,
        `Session ${id}`,
        `session ${id}`,
        messages[0]!.createdAt,
        last.createdAt,
        messages.length,
        last.id,
      )
      let previous: string | null = null
      for (const m of messages) {
        insert.run(...rowValues(m, previous, true))
        if (previous !== null) pointAt.run(m.id, previous)
        previous = m.id
      }
    }
  })()
  db.close()
}
