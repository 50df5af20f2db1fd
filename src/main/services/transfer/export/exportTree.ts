import type { Message } from '../../../../shared/domain'

export interface SplitTree {
  /** Root to the current leaf, oldest first. */
  path: Message[]
  /** Every other message, in the tree's order (parents before children). */
  others: Message[]
  /** Each message's 1-based position among its siblings. */
  versionIndex: Map<string, number>
}

/**
 * A session's messages (all versions, parents before children, versions in order, as
 * Storage.listTree gives them) split into the current path and the rest. A message without a
 * `parentId` follows the one before it, as Storage.importSession reads such a list. Without a
 * current leaf that is one of the messages, the last message's path is current.
 */
export function splitTree(tree: readonly Message[], currentLeafId: string | null): SplitTree {
  const byId = new Map<string, Message>()
  const parentOf = new Map<string, string | null>()
  const versionIndex = new Map<string, number>()
  const siblings = new Map<string | null, number>()
  let previous: string | null = null
  for (const m of tree) {
    const parent = m.parentId === undefined ? previous : m.parentId
    byId.set(m.id, m)
    parentOf.set(m.id, parent)
    const index = (siblings.get(parent) ?? 0) + 1
    siblings.set(parent, index)
    versionIndex.set(m.id, index)
    previous = m.id
  }
  const leaf = currentLeafId !== null && byId.has(currentLeafId) ? currentLeafId : previous
  const path: Message[] = []
  const onPath = new Set<string>()
  for (let at = leaf; at !== null && !onPath.has(at); at = parentOf.get(at) ?? null) {
    onPath.add(at)
    path.push({ ...byId.get(at)!, parentId: parentOf.get(at) ?? null })
  }
  path.reverse()
  const others = tree
    .filter((m) => !onPath.has(m.id))
    .map((m) => ({ ...m, parentId: parentOf.get(m.id) ?? null }))
  return { path, others, versionIndex }
}
