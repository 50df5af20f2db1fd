import type { Message } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'

/**
 * A session's messages as a tree, held in memory (MemoryStorage, the JSON store's cache): one
 * implementation, so both backends branch, switch and delete exactly alike. SQLite keeps the
 * same state in columns (sqlite/treeQueries.ts).
 *
 * Children of a parent are versions of one position, oldest first. Every parent remembers the
 * child used last (`active`); the current path starts at the remembered first message and
 * follows those choices down to a leaf. Key `null` stands for "no parent" (first messages).
 */
export type ParentKey = string | null

/** A message as stored: its parent resolved, no version fields (they are computed on read). */
export type StoredMessage = Message & { parentId: string | null }

export function storedForm(message: Message, parentId: string | null): StoredMessage {
  const { versionIndex: _index, versionCount: _count, ...rest } = message
  return { ...rest, parentId }
}

export const messageNotFound = (id: string): MirrorError =>
  new MirrorError('NOT_FOUND', `No message with id ${id}.`, { id })

export class MessageTree {
  private readonly order: StoredMessage[] = []
  private readonly byId = new Map<string, StoredMessage>()
  private readonly kids = new Map<ParentKey, string[]>()
  private readonly active = new Map<ParentKey, string>()

  /**
   * Builds a tree from messages in creation order (each parent before its children) and the
   * remembered choices; a parent without a usable choice uses its newest child.
   */
  static from(
    messages: readonly StoredMessage[],
    active: ReadonlyMap<ParentKey, string> = new Map(),
  ): MessageTree {
    const tree = new MessageTree()
    for (const m of messages) tree.add(m)
    for (const [parent, child] of active) {
      if (tree.byId.get(child)?.parentId === parent) tree.active.set(parent, child)
    }
    return tree
  }

  get size(): number {
    return this.order.length
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id)
  }

  require(id: string): StoredMessage {
    const found = this.byId.get(id)
    if (!found) throw messageNotFound(id)
    return found
  }

  /** Every message in creation order (parents before children). */
  all(): readonly StoredMessage[] {
    return this.order
  }

  /** The remembered choice of every parent that has children. */
  choices(): Map<ParentKey, string> {
    return new Map(this.active)
  }

  /** Adds a message whose parent is already in the tree (or null); it becomes its parent's choice. */
  add(message: StoredMessage): void {
    if (this.byId.has(message.id)) {
      throw new MirrorError('VALIDATION_FAILED', `A message with id ${message.id} already exists.`)
    }
    if (message.parentId !== null && !this.byId.has(message.parentId)) {
      throw messageNotFound(message.parentId)
    }
    this.order.push(message)
    this.byId.set(message.id, message)
    const siblings = this.kids.get(message.parentId) ?? []
    siblings.push(message.id)
    this.kids.set(message.parentId, siblings)
    this.active.set(message.parentId, message.id)
  }

  /** Replaces a stored message's fields (same id, same parent). */
  replace(message: StoredMessage): void {
    const at = this.order.findIndex((m) => m.id === message.id)
    if (at < 0) throw messageNotFound(message.id)
    this.order[at] = message
    this.byId.set(message.id, message)
  }

  /** Root → current leaf. */
  path(): StoredMessage[] {
    const out: StoredMessage[] = []
    let next = this.active.get(null)
    while (next !== undefined) {
      const m = this.byId.get(next)!
      out.push(m)
      next = this.active.get(m.id)
    }
    return out
  }

  leafId(): string | null {
    return this.path().at(-1)?.id ?? null
  }

  /** Makes the path run through `id` (each ancestor chooses the child towards it). */
  select(id: string): void {
    let m = this.require(id)
    for (;;) {
      this.active.set(m.parentId, m.id)
      if (m.parentId === null) return
      m = this.byId.get(m.parentId)!
    }
  }

  /** Root → `id`, itself included. */
  pathTo(id: string): StoredMessage[] {
    const out: StoredMessage[] = []
    let m: StoredMessage | undefined = this.require(id)
    while (m) {
      out.push(m)
      m = m.parentId === null ? undefined : this.byId.get(m.parentId)
    }
    return out.reverse()
  }

  siblings(id: string): StoredMessage[] {
    const m = this.require(id)
    return (this.kids.get(m.parentId) ?? []).map((x) => this.byId.get(x)!)
  }

  /** The message with `versionIndex` and `versionCount` set. */
  withVersion(m: StoredMessage): Message {
    const siblings = this.kids.get(m.parentId) ?? [m.id]
    return { ...m, versionIndex: siblings.indexOf(m.id) + 1, versionCount: siblings.length }
  }

  /**
   * Removes `id` and everything below it (returned parents first). Its parent's choice falls to
   * the newest remaining sibling, or is forgotten when none is left.
   */
  remove(id: string): StoredMessage[] {
    const top = this.require(id)
    const removed: StoredMessage[] = []
    const stack = [top.id]
    while (stack.length > 0) {
      const current = stack.shift()!
      removed.push(this.byId.get(current)!)
      stack.push(...(this.kids.get(current) ?? []))
    }
    const gone = new Set(removed.map((m) => m.id))
    for (const m of removed) {
      this.byId.delete(m.id)
      this.kids.delete(m.id)
      this.active.delete(m.id)
    }
    const remaining = (this.kids.get(top.parentId) ?? []).filter((x) => x !== top.id)
    if (remaining.length > 0) this.kids.set(top.parentId, remaining)
    else this.kids.delete(top.parentId)
    if (this.active.get(top.parentId) === top.id) {
      const newest = remaining.at(-1)
      if (newest === undefined) this.active.delete(top.parentId)
      else this.active.set(top.parentId, newest)
    }
    const kept = this.order.filter((m) => !gone.has(m.id))
    this.order.splice(0, this.order.length, ...kept)
    // Breadth first, so parents come before their children.
    return removed
  }
}

/**
 * The stored forms of messages handed to an import or a restore: a message without `parentId`
 * follows the one before it in the list (`previous` for the first one).
 */
export function resolveParents(
  messages: readonly Message[],
  previous: string | null,
): StoredMessage[] {
  let last = previous
  return messages.map((m) => {
    const stored = storedForm(m, m.parentId === undefined ? last : m.parentId)
    last = m.id
    return stored
  })
}
