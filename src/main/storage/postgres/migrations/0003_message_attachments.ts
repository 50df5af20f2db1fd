import type { Queryable } from '../pgPool'

export const version = 3
export const name = 'message attachments'

/**
 * `messages.attachments`: the attachment references as JSON text (NULL: none), like SQLite's
 * migration 0009; the bytes stay on the machine that holds them (docs/attachments.md). The
 * partial index lists just the messages that have attachments, which is all a clean-up reads.
 */
export async function up(db: Queryable): Promise<void> {
  await db.query(`
    ALTER TABLE messages ADD COLUMN attachments text;
    CREATE INDEX messages_with_attachments ON messages (id) WHERE attachments IS NOT NULL;
  `)
}
