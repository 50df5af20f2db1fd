import { createMirror } from '../../../src/main/mirror'
import type { StorageKind } from '../../../src/main/storage/storage'
import type { Message, Session } from '../../../src/shared/domain'

export type SessionWithMessages = Session & { messages: Message[] }

/**
 * Every session of a data dir with all its messages, read in-process (one spawn per session
 * would dominate the suite's time). Sorted by id.
 */
export async function readStore(
  dataDir: string,
  storage?: StorageKind,
): Promise<SessionWithMessages[]> {
  const mirror = await createMirror({ dataDir, storage })
  try {
    const page = await mirror.storage.listSessions({ archived: 'all', limit: 500 })
    const out = await Promise.all(
      page.items.map(async (s) => ({
        ...s,
        messages: (await mirror.storage.listMessages(s.id, { limit: 500 })).items,
      })),
    )
    return out.sort((a, b) => a.id.localeCompare(b.id))
  } finally {
    await mirror.close()
  }
}
