import type { Message, MessagePage, Session, SessionPage } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import {
  compareSessionsNewestFirst,
  decodeSessionCursor,
  encodeSessionCursor,
  isAfterCursor,
} from './cursor'
import type { MessageTree } from './messageTree'
import type { ListMessagesOptions, ListSessionsOptions, ListTreeOptions, TreePage } from './storage'
import { normalizeToken } from './textSearch'

// Listing and paging over sessions and messages held in memory (MemoryStorage, the JSON store's
// cache): one implementation, so both order and page exactly alike.

const clone = <T>(value: T): T => structuredClone(value)

/** `before` pages back, `after` forward: one list call does one or the other. */
export function checkOneCursor(options: ListMessagesOptions): void {
  if (options.before && options.after) {
    throw new MirrorError('VALIDATION_FAILED', 'Give either before or after, not both.')
  }
}

/** `titleContains` folded like every title it is compared with ('' for no filter). */
export function titleNeedle(options: ListSessionsOptions): string {
  return normalizeToken(options.titleContains?.trim() ?? '')
}

export function pageSessions(
  sessions: Iterable<Session>,
  options: ListSessionsOptions,
): SessionPage {
  const archived = options.archived ?? false
  const limit = options.limit ?? 50
  const cursor = options.cursor ? decodeSessionCursor(options.cursor) : null
  const needle = titleNeedle(options)
  const all = [...sessions]
    .filter((s) => archived === 'all' || s.archived === archived)
    .filter((s) => !needle || normalizeToken(s.title).includes(needle))
    .filter((s) => options.folderId === undefined || (s.folderId ?? null) === options.folderId)
    .filter((s) => !cursor || isAfterCursor(s, cursor))
    .sort(compareSessionsNewestFirst)
  const items = all.slice(0, limit).map(clone)
  const last = items[items.length - 1]
  return { items, nextCursor: all.length > limit && last ? encodeSessionCursor(last) : null }
}

export function pageMessages(messages: Message[], options: ListMessagesOptions): MessagePage {
  const limit = options.limit ?? 50
  checkOneCursor(options)
  if (options.after) {
    const at = messages.findIndex((m) => m.id === options.after)
    if (at < 0) throw new MirrorError('NOT_FOUND', `No message with id ${options.after}.`)
    return { items: messages.slice(at + 1, at + 1 + limit).map(clone), hasOlder: true }
  }
  let end = messages.length
  if (options.before) {
    end = messages.findIndex((m) => m.id === options.before)
    if (end < 0) throw new MirrorError('NOT_FOUND', `No message with id ${options.before}.`)
  }
  const start = Math.max(0, end - limit)
  return { items: messages.slice(start, end).map(clone), hasOlder: start > 0 }
}

/** A page of the tree's current path, each item with its version fields. */
export function pagePath(tree: MessageTree, options: ListMessagesOptions): MessagePage {
  const page = pageMessages(tree.path(), options)
  return { ...page, items: page.items.map((m) => tree.withVersion(tree.require(m.id))) }
}

/** Every message of the tree, parents first, paged after a message id. */
export function pageTree(tree: MessageTree, options: ListTreeOptions): TreePage {
  const limit = options.limit ?? 500
  const all = tree.all()
  let start = 0
  if (options.after) {
    start = all.findIndex((m) => m.id === options.after) + 1
    if (start === 0) throw new MirrorError('NOT_FOUND', `No message with id ${options.after}.`)
  }
  return { items: all.slice(start, start + limit).map(clone), hasMore: start + limit < all.length }
}
