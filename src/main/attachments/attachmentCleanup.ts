import type { Message } from '../../shared/domain'
import type { Storage } from '../storage/storage'
import type { AttachmentService } from './attachmentService'

const PAGE = 500

const idsOf = (messages: readonly Message[]): string[] =>
  messages.flatMap((m) => (m.attachments ?? []).map((a) => a.id))

async function treeAttachmentIds(storage: Storage, sessionId: string): Promise<string[]> {
  const ids: string[] = []
  let after: string | null = null
  for (;;) {
    const page = await storage.listTree(sessionId, { limit: PAGE, after })
    ids.push(...idsOf(page.items))
    const last = page.items.at(-1)
    if (!page.hasMore || !last) return ids
    after = last.id
  }
}

/**
 * Removes attachment bytes when the last message referring to them goes: at once for a deleted
 * session (which cannot be undone), after the Undo window for a deleted message. A failed
 * clean-up leaves an unreferenced file behind, never a message without its file.
 */
export function withAttachmentCleanup(storage: Storage, attachments: AttachmentService): Storage {
  const deleteSession: Storage['deleteSession'] = async (id) => {
    const ids = await treeAttachmentIds(storage, id).catch(() => [] as string[])
    await storage.deleteSession(id)
    if (ids.length > 0) await attachments.sweep(ids).catch(() => undefined)
  }
  const deleteMessage: Storage['deleteMessage'] = async (id) => {
    const branch = await storage.deleteMessage(id)
    const ids = idsOf(branch.removed)
    if (ids.length > 0) attachments.sweepLater(ids)
    return branch
  }
  const own: Partial<Storage> = { deleteSession, deleteMessage }
  return new Proxy(storage, {
    get(target, key, receiver) {
      if (typeof key === 'string' && Object.prototype.hasOwnProperty.call(own, key)) {
        return own[key as keyof Storage]
      }
      const value: unknown = Reflect.get(target, key, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
