import { MessageTree } from '../messageTree'
import type { SessionRecord } from './sdkMapping'

const cache = new WeakMap<SessionRecord, MessageTree>()

/**
 * The tree of a cached session, built once per record (records are replaced, never changed,
 * when a file is written or read again). Read only: change a copy (editableTree).
 */
export function treeOf(record: SessionRecord): MessageTree {
  let tree = cache.get(record)
  if (!tree) {
    tree = MessageTree.from(record.messages, record.choices)
    cache.set(record, tree)
  }
  return tree
}

/** A copy of the record's tree to change and write. */
export function editableTree(record: SessionRecord): MessageTree {
  const tree = treeOf(record)
  return MessageTree.from(tree.all(), tree.choices())
}
