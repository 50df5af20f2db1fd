import type { Message } from '../../../../shared/domain'
import type { Storage } from '../../../storage/storage'

const PAGE = 500

/** Every message of a session, oldest first, read in pages. */
export async function allMessages(storage: Storage, id: string): Promise<Message[]> {
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
