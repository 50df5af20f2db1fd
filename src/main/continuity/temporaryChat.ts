import type { Session } from '../../shared/domain'
import type { Clock, IdGenerator } from '../services/ids'
import type { Storage } from '../storage/storage'
import type { MemorySettings } from './memorySettings'

export const TEMPORARY_CHAT_TITLE = 'Temporary chat'

export interface TemporaryChat {
  /** Its own in-memory store: never the app's storage, so never on disk, logged or recalled. */
  readonly storage: Storage
  readonly session: Session
  /** Drops everything said; the object must not be used afterwards. */
  close(): Promise<void>
}

export interface TemporaryChatOptions {
  clock: Clock
  ids: IdGenerator
  /** A new, empty in-memory store for this chat alone (createMirror passes MemoryStorage). */
  scratchStorage: () => Storage
  /** Let this chat read past sessions and vault memories (default false: a blank slate). */
  useMemory?: boolean
}

export const isTemporarySession = (session: Pick<Session, 'metadata'>): boolean =>
  session.metadata.temporary === true

/**
 * A chat that is neither stored nor recalled. The host builds a SessionService and ChatService
 * over `storage` (no continuity decorator) and routes this session's requests to them; closing
 * the chat or quitting the app forgets it. See docs/continuity.md.
 */
export async function createTemporaryChat(options: TemporaryChatOptions): Promise<TemporaryChat> {
  const storage = options.scratchStorage()
  const now = options.clock.now().toISOString()
  const useMemory = options.useMemory ?? false
  const memory: MemorySettings = { recall: useMemory, useMemory, excludeFromRecall: true }
  const session: Session = {
    id: options.ids.sessionId(),
    title: TEMPORARY_CHAT_TITLE,
    createdAt: now,
    updatedAt: now,
    messageCount: 0,
    archived: false,
    metadata: { temporary: true, memory },
    currentLeafId: null,
    pinned: false,
    folderId: null,
  }
  await storage.createSession(session)
  return {
    storage,
    session,
    close: async () => {
      await storage.deleteSession(session.id).catch(() => undefined)
      await storage.close()
    },
  }
}
