import * as createSessions from './0001_create_sessions'
import * as createMessages from './0002_create_messages'
import * as messagesFts from './0003_messages_fts'
import * as messageRoles from './0004_message_roles'
import * as messageTree from './0005_message_tree'
import * as sessionChanges from './0006_session_changes'
import * as foldersAndPins from './0007_folders_and_pins'
import * as searchIndexes from './0008_search_indexes'
import * as messageAttachments from './0009_message_attachments'
import * as changeLogPerWrite from './0010_change_log_per_write'
import type { Migration } from '../../../sqlite/migration'

export type { Migration } from '../../../sqlite/migration'

/** Every migration, in order. Append new ones here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  createSessions,
  createMessages,
  messagesFts,
  messageRoles,
  messageTree,
  sessionChanges,
  foldersAndPins,
  searchIndexes,
  messageAttachments,
  changeLogPerWrite,
]

export const LATEST_VERSION = MIGRATIONS.length
