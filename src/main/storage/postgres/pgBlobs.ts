import { first, rows } from './pgPool'
import type { PgPool } from './pgPool'

/**
 * How long stored bytes are safe from a clean-up: another machine may have stored them for a
 * message it is about to write (a send takes well under this).
 */
export const BLOB_GRACE_SECONDS = 120

/** Attachment bytes in the shared database (migration 0004), one row per id. */
export class PgBlobs {
  constructor(private readonly db: PgPool) {}

  /** Stores the bytes once; storing them again only marks them as just used. */
  async put(id: string, bytes: Uint8Array, sealed: boolean): Promise<void> {
    await this.db.write(async (tx) => {
      const touched = await tx.query(
        'UPDATE attachment_blobs SET touched_at = now() WHERE id = $1',
        [id],
      )
      if (touched.rowCount) return
      await tx.query(
        `INSERT INTO attachment_blobs (id, bytes, sealed) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET touched_at = now()`,
        [id, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), sealed],
      )
    })
  }

  get(id: string): Promise<Buffer | null> {
    return this.db.read(async (db) => {
      const row = await first<{ bytes: Buffer }>(
        db,
        'SELECT bytes FROM attachment_blobs WHERE id = $1',
        [id],
      )
      return row?.bytes ?? null
    })
  }

  has(id: string): Promise<boolean> {
    return this.db.read(
      async (db) =>
        (await first(db, 'SELECT 1 FROM attachment_blobs WHERE id = $1', [id])) !== undefined,
    )
  }

  async list(): Promise<string[]> {
    const found = await this.db.read((db) =>
      rows<{ id: string }>(db, 'SELECT id FROM attachment_blobs ORDER BY id'),
    )
    return found.map((r) => r.id)
  }

  /**
   * Removes the rows of `ids` that no message lists (checked again here, in the same statement,
   * against every machine's messages) and that no machine stored within the grace period.
   */
  async remove(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return []
    return this.db.write(async (tx) => {
      const removed = await rows<{ id: string }>(
        tx,
        `DELETE FROM attachment_blobs b
         WHERE b.id = ANY($1::text[])
           AND b.touched_at < now() - make_interval(secs => $2)
           AND NOT EXISTS (
             SELECT 1 FROM messages m, jsonb_array_elements(m.attachments::jsonb) a
             WHERE m.attachments IS NOT NULL AND a.value->>'id' = b.id)
         RETURNING b.id`,
        [ids, BLOB_GRACE_SECONDS],
      )
      return removed.map((r) => r.id)
    })
  }
}
