import type { Queryable } from '../pgPool'

export const version = 4
export const name = 'attachment blobs'

/**
 * `attachment_blobs`: the attachment bytes themselves, so every machine sharing the database
 * reads them (docs/attachments.md, "PostgreSQL"). `sealed` rows hold a sensitive message's file
 * exactly as the vault sealed it (ciphertext), never plaintext. `touched_at` is when a machine
 * last stored the bytes: a clean-up leaves rows younger than a grace period alone, so a send in
 * flight on another machine (bytes stored, message not yet) never loses its file. STORAGE
 * EXTERNAL: images and PDFs are compressed already, compressing them again only costs time.
 */
export async function up(db: Queryable): Promise<void> {
  await db.query(`
    CREATE TABLE attachment_blobs (
      id text PRIMARY KEY,
      bytes bytea NOT NULL,
      sealed boolean NOT NULL,
      touched_at timestamptz NOT NULL DEFAULT now(),
      CHECK (sealed = starts_with(id, 'sealed-'))
    );
    ALTER TABLE attachment_blobs ALTER COLUMN bytes SET STORAGE EXTERNAL;
  `)
}
