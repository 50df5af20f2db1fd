import type { Message } from '../../../../shared/domain'
import type { Storage } from '../../../storage/storage'

const PAGE = 500

/** The current path of a session, oldest first, read in pages. */
export async function currentPath(storage: Storage, id: string): Promise<Message[]> {
  const pages: Message[][] = []
  let before: string | null = null
  for (;;) {
    const page = await storage.listMessages(id, { limit: PAGE, before })
    pages.unshift(page.items)
    const first = page.items[0]
    if (!page.hasOlder || !first) break
    before = first.id
  }
  return pages.flat()
}

/** Every message of a session, all versions, parents before children, read in pages. */
export async function allVersions(storage: Storage, id: string): Promise<Message[]> {
  const items: Message[] = []
  let after: string | null = null
  for (;;) {
    const page = await storage.listTree(id, { limit: PAGE, after })
    items.push(...page.items)
    const last = page.items.at(-1)
    if (!page.hasMore || !last) break
    after = last.id
  }
  return items
}
