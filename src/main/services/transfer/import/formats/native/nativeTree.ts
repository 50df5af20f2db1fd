import type { Message } from '../../../../../../shared/domain'
import { invalidImport } from '../../importShared'

/** A message read from a file, with where the file places it. */
export interface PlacedMessage {
  message: Message & { parentId: string | null }
  /** Its 1-based position among its siblings, when the file says. */
  versionIndex?: number | undefined
}

/**
 * Messages of a file in the order Storage.importSession needs: parents before children, the
 * versions of one position in order (by `versionIndex`, then as the file lists them), each
 * version followed by what hangs below it. A parent that is not in the file or a cycle is
 * IMPORT_INVALID. Iterative, so a long chain does not exhaust the stack.
 */
export function treeOrder(placed: readonly PlacedMessage[]): Message[] {
  const ids = new Set(placed.map((p) => p.message.id))
  const children = new Map<string | null, PlacedMessage[]>()
  for (const p of placed) {
    const parent = p.message.parentId
    if (parent !== null && !ids.has(parent)) {
      throw invalidImport(`message ${p.message.id} follows ${parent}, which is not in the file`)
    }
    const list = children.get(parent)
    if (list) list.push(p)
    else children.set(parent, [p])
  }
  const rank = (p: PlacedMessage) => p.versionIndex ?? Number.MAX_SAFE_INTEGER
  // Array.prototype.sort is stable: equal ranks keep the file's order.
  for (const list of children.values()) list.sort((a, b) => rank(a) - rank(b))
  const out: Message[] = []
  const stack = [...(children.get(null) ?? [])].reverse()
  for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
    out.push(p.message)
    const below = children.get(p.message.id) ?? []
    for (let i = below.length - 1; i >= 0; i--) stack.push(below[i]!)
  }
  if (out.length < placed.length) throw invalidImport('the messages’ parentIds form a cycle')
  return out
}
