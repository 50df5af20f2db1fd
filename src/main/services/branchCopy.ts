import { z } from 'zod'
import type { Message, Session } from '../../shared/domain'

/** `metadata.branchedFrom` of a session made by messages.branch: where its path was copied from. */
const BranchedFromSchema = z.object({ sessionId: z.string().min(1), messageId: z.string().min(1) })
export type BranchedFrom = z.infer<typeof BranchedFromSchema>

export function branchedFrom(session: Session): BranchedFrom | null {
  const parsed = BranchedFromSchema.safeParse(session.metadata['branchedFrom'])
  return parsed.success ? parsed.data : null
}

const MAX_TITLE = 200
const SUFFIX = ' (branch)'

/** "<title> (branch)", the title shortened to keep within the 200-character limit. */
export function branchTitle(title: string): string {
  const room = MAX_TITLE - SUFFIX.length
  const chars = [...title]
  const kept = chars.length > room ? chars.slice(0, room).join('').trimEnd() : title
  return `${kept}${SUFFIX}`
}

/** Fields that describe a message's place in its old session's tree, or a read of it. */
const READ_FLAGS = ['locked', 'vaultMissing', 'vaultDamaged'] as const

/**
 * Copies of `path` (root first) for session `sessionId`: new ids, each the child of the copy
 * before it, without version fields; text, timestamps and metadata as they were.
 */
export function copyPath(
  path: readonly Message[],
  sessionId: string,
  newId: () => string,
): Message[] {
  let parentId: string | null = null
  return path.map((m) => {
    const { versionIndex: _index, versionCount: _count, ...rest } = m
    const metadata = { ...m.metadata }
    for (const flag of READ_FLAGS) delete metadata[flag]
    const copy: Message = { ...rest, id: newId(), sessionId, parentId, metadata }
    parentId = copy.id
    return copy
  })
}
