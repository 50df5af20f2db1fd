import type { Message } from '../../../../shared/domain'
import { isMirrorError } from '../../../../shared/errors'
import type { Storage } from '../../../storage/storage'
import type { ParsedSession } from './importShared'

/** Where a message's id from the file is kept when it had to be replaced. */
export const IMPORTED_ID_KEY = 'importedId'

async function isStored(storage: Storage, id: string): Promise<boolean> {
  try {
    await storage.getMessage(id)
    return true
  } catch (error) {
    if (isMirrorError(error) && error.code === 'NOT_FOUND') return false
    throw error
  }
}

/**
 * Message ids are unique across a store, but files from different programs reuse them (two SDK
 * sessions both holding `msg_0`…). A new session whose message ids are taken by stored messages
 * gets fresh ids for those messages instead of being refused; the id from the file is kept in
 * `metadata.importedId`, and the session's own references to it follow: its children's
 * `parentId`, the session's `currentLeafId` and `metadata.context.messageIds`. Asked through
 * the Storage interface, so every backend behaves alike.
 */
export async function freeMessageIds(
  storage: Storage,
  { session, messages }: ParsedSession,
  newId: () => string,
): Promise<ParsedSession> {
  const inFile = new Set(messages.map((m) => m.id))
  const renamed = new Map<string, string>()
  for (const m of messages) {
    if (!(await isStored(storage, m.id))) continue
    let id = newId()
    while (inFile.has(id) || (await isStored(storage, id))) id = newId()
    inFile.add(id)
    renamed.set(m.id, id)
  }
  if (renamed.size === 0) return { session, messages: [...messages] }
  const follow = (ref: string) => renamed.get(ref) ?? ref
  const leaf = session.currentLeafId
  return {
    session: leaf ? { ...session, currentLeafId: follow(leaf) } : session,
    messages: messages.map((m) => {
      const id = renamed.get(m.id)
      const metadata = { ...m.metadata }
      const context = m.metadata.context
      if (context) {
        metadata.context = { ...context, messageIds: context.messageIds.map(follow) }
      }
      if (id !== undefined) metadata[IMPORTED_ID_KEY] = m.id
      const moved: Message = { ...m, id: id ?? m.id, metadata }
      if (m.parentId) moved.parentId = follow(m.parentId)
      return moved
    }),
  }
}
