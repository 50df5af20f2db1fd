import { invalidImport } from '../../importShared'

/** What the walk needs of a mapping node (the schema in importChatGpt.ts gives more). */
export interface MappingNode {
  parent?: string | null
  children?: string[] | null
}

/**
 * Children of each node, from the `parent` pointers (which the visible thread is defined by),
 * in the order the parent's `children` list gives them (the order ChatGPT made the versions);
 * children it does not list come after, in mapping order.
 */
function childrenByParent(mapping: Record<string, MappingNode>): {
  roots: string[]
  children: Map<string, string[]>
} {
  const roots: string[] = []
  const children = new Map<string, string[]>()
  for (const [id, node] of Object.entries(mapping)) {
    const parent = node.parent ?? null
    if (parent === null) {
      roots.push(id)
      continue
    }
    if (!Object.hasOwn(mapping, parent)) {
      throw invalidImport(`message ${parent} is referenced but missing from mapping`)
    }
    const list = children.get(parent)
    if (list) list.push(id)
    else children.set(parent, [id])
  }
  for (const [parent, list] of children) {
    const listed = mapping[parent]?.children ?? []
    const rank = (id: string) => {
      const at = listed.indexOf(id)
      return at < 0 ? listed.length : at
    }
    // Array.prototype.sort is stable: unlisted children keep their mapping order.
    list.sort((a, b) => rank(a) - rank(b))
  }
  return { roots, children }
}

/**
 * Walks every node of a conversation's mapping, parents before children and versions in order
 * (depth first, so a version's replies come before the next version). `keep` turns a node into
 * what the import keeps, or null to leave it out; `above` is what was kept nearest above it, so
 * the children of a node left out (a hidden system prompt, a tool call) hang from the nearest
 * kept ancestor and the tree stays connected. Returns, for every node, what was kept at or
 * nearest above it (the current node of the export may itself be left out).
 *
 * Iterative, so a conversation thousands of messages deep does not exhaust the stack.
 */
export function walkMapping<K>(
  mapping: Record<string, MappingNode>,
  keep: (nodeId: string, above: K | null) => K | null,
): Map<string, K | null> {
  const { roots, children } = childrenByParent(mapping)
  const nearest = new Map<string, K | null>()
  const stack: Array<{ id: string; above: K | null }> = roots
    .map((id) => ({ id, above: null as K | null }))
    .reverse()
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const kept = keep(item.id, item.above) ?? item.above
    nearest.set(item.id, kept)
    const below = children.get(item.id) ?? []
    for (let i = below.length - 1; i >= 0; i--) stack.push({ id: below[i]!, above: kept })
  }
  // A node never reached from a root has an ancestor that is its own descendant.
  if (nearest.size < Object.keys(mapping).length)
    throw invalidImport('the message tree has a cycle')
  return nearest
}
