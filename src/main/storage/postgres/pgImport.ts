import type { Message, Session } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import { planImportTree } from '../importPlan'
import { isUniqueViolation } from './pgErrors'
import { insertValues } from './pgMessages'
import type { Queryable } from './pgPool'
import { checkFolderExists, insertSession } from './pgSessions'
import { insertBranch, settlePath } from './pgTree'

/** Rows per INSERT: bounded so one statement's parameters stay small. */
const CHUNK = 2_000

/** A session id that is taken is the caller's mistake, not a crash. */
export async function insertNewSession(db: Queryable, session: Session): Promise<void> {
  await checkFolderExists(db, session.folderId)
  try {
    await insertSession(db, session)
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new MirrorError('VALIDATION_FAILED', `A session with id ${session.id} already exists.`)
    }
    throw error
  }
}

/** A taken message id is the caller's mistake: VALIDATION_FAILED, and nothing is written. */
export async function insertChecked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new MirrorError('VALIDATION_FAILED', 'A message with one of these ids already exists.')
    }
    throw error
  }
}

/**
 * A whole session with its messages (import), inside the caller's transaction. The tree fields
 * are worked out first (../importPlan.ts, as on SQLite) and the rows go in with one INSERT per
 * CHUNK messages (unnest of column arrays) instead of a round trip or four per message.
 */
export async function importTree(
  db: Queryable,
  session: Session,
  messages: Message[],
): Promise<void> {
  await insertNewSession(db, { ...session, messageCount: 0 })
  const plan = planImportTree(session.id, messages, session.currentLeafId ?? undefined)
  if (!plan) {
    const last = await insertChecked(() => insertBranch(db, session.id, null, messages))
    await settlePath(db, session.id, session.currentLeafId ?? last)
    return
  }
  for (let from = 0; from < plan.stored.length; from += CHUNK) {
    const rows = plan.stored
      .slice(from, from + CHUNK)
      .map((m) =>
        insertValues(m, m.parentId, plan.onPath.has(m.id), plan.activeChild.get(m.id) ?? null),
      )
    // Column arrays (unnest yields rows in array order, so `seq` follows the list); the words of
    // each message travel as one space-separated string (words never hold a space).
    const columns = Array.from({ length: 18 }, (_, c) =>
      rows.map((row) =>
        c === 15 ? (row[c] === null ? null : (row[c] as string[]).join(' ')) : row[c],
      ),
    )
    await insertChecked(() =>
      db.query(
        `INSERT INTO messages (id, session_id, role, content, created_at, pattern, uncertainty,
           sensitive, status, provider, model, metadata, parent_id, on_path, active_child_id,
           search_words, word_count, attachments)
         SELECT id, sid, role, content, created, pattern, uncertainty, sensitive, status,
           provider, model, metadata, parent, on_path, child,
           array_to_tsvector(string_to_array(words, ' ')), wc, att
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
           $7::text[], $8::bool[], $9::text[], $10::text[], $11::text[], $12::text[],
           $13::text[], $14::bool[], $15::text[], $16::text[], $17::int[], $18::text[])
           AS t (id, sid, role, content, created, pattern, uncertainty, sensitive, status,
             provider, model, metadata, parent, on_path, child, words, wc, att)`,
        columns,
      ),
    )
  }
  await db.query(
    'UPDATE sessions SET message_count = message_count + $2, current_leaf_id = $3 WHERE id = $1',
    [session.id, plan.stored.length, plan.leaf],
  )
}
