import type { Storage } from './storage'

const PAGE = 500

/**
 * Which of `ids` a stored message still refers to: the backend's own answer, else a scan of
 * every session's tree (archived ones included). The scan stops early once all are found.
 */
export async function referencedAttachmentsOf(
  storage: Pick<Storage, 'referencedAttachments' | 'listSessions' | 'listTree'>,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  if (storage.referencedAttachments) return storage.referencedAttachments(ids)
  const wanted = new Set(ids)
  const found = new Set<string>()
  let cursor: string | null = null
  do {
    const page = await storage.listSessions({ archived: 'all', limit: PAGE, cursor })
    for (const session of page.items) {
      let after: string | null = null
      for (;;) {
        const tree = await storage.listTree(session.id, { limit: PAGE, after })
        for (const m of tree.items) {
          for (const ref of m.attachments ?? []) if (wanted.has(ref.id)) found.add(ref.id)
        }
        if (found.size === wanted.size) return found
        const last = tree.items.at(-1)
        if (!tree.hasMore || !last) break
        after = last.id
      }
    }
    cursor = page.nextCursor
  } while (cursor)
  return found
}
