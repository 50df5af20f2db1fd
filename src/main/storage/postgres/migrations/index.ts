import type { Queryable } from '../pgPool'
import * as createTables from './0001_create_tables'
import * as changeNotify from './0002_change_notify'
import * as messageAttachments from './0003_message_attachments'
import * as attachmentBlobs from './0004_attachment_blobs'

export interface PgMigration {
  version: number
  name: string
  up(db: Queryable): Promise<void>
}

/** Every migration, in order. Append new ones here; never edit a released one. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  createTables,
  changeNotify,
  messageAttachments,
  attachmentBlobs,
]

export const PG_LATEST_VERSION = PG_MIGRATIONS.length
