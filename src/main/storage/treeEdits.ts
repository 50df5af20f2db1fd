import type { Message } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import { MessageTree, resolveParents, storedForm } from './messageTree'

// The tree changes the in-memory backends (memory, JSON) make, written once so both check the
// same things in the same order. Each works on a tree the caller may throw away on error.

const taken = (id: string): MirrorError =>
  new MirrorError('VALIDATION_FAILED', `A message with id ${id} already exists.`)

/** Appends below `message.parentId` (left out: the current leaf) and makes it the leaf. */
export function appendTo(tree: MessageTree, message: Message): void {
  const parentId = message.parentId === undefined ? tree.leafId() : message.parentId
  tree.add(storedForm(structuredClone(message), parentId))
  tree.select(message.id)
}

/** Replaces a message's fields in place; it cannot move to another parent. */
export function replaceIn(tree: MessageTree, message: Message): void {
  const parentId = tree.require(message.id).parentId
  if (message.parentId !== undefined && message.parentId !== parentId) {
    throw new MirrorError('VALIDATION_FAILED', 'A message cannot move to another parent.')
  }
  tree.replace(storedForm(structuredClone(message), parentId))
}

/**
 * Adds `messages` (restore, import) and switches to `leafId`, by default the tree's leaf before
 * (or, in an empty tree, the last message added). `isTaken` says whether an id is used
 * elsewhere in the store.
 */
export function restoreInto(
  tree: MessageTree,
  sessionId: string,
  messages: readonly Message[],
  leafId: string | null | undefined,
  isTaken: (id: string) => boolean,
): void {
  const previousLeaf = tree.leafId()
  const stored = resolveParents(structuredClone(messages), previousLeaf)
  for (const m of stored) {
    if (m.sessionId !== sessionId) {
      throw new MirrorError('VALIDATION_FAILED', `Message ${m.id} belongs to another session.`)
    }
    if (isTaken(m.id)) throw taken(m.id)
    tree.add(m)
  }
  const leaf = leafId ?? previousLeaf ?? stored.at(-1)?.id
  if (leaf) tree.select(leaf)
}

/** The tree of an imported session (see Storage.importSession). */
export function importedTree(
  sessionId: string,
  messages: readonly Message[],
  leafId: string | null | undefined,
  isTaken: (id: string) => boolean,
): MessageTree {
  const tree = new MessageTree()
  restoreInto(tree, sessionId, messages, leafId, isTaken)
  return tree
}
