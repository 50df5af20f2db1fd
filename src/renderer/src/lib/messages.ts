import type { Message } from '../../../shared/domain'

/**
 * Replace a message with the same id (or `replaceId`, an optimistic stand-in) and keep the list
 * in `createdAt` order, oldest first.
 */
export function upsertMessage(items: Message[], message: Message, replaceId?: string): Message[] {
  const at = items.findIndex(
    (m) => m.id === message.id || (replaceId !== undefined && m.id === replaceId),
  )
  if (at >= 0 && items[at]?.createdAt === message.createdAt) {
    const next = items.slice()
    next[at] = message
    return next
  }
  const rest = at >= 0 ? [...items.slice(0, at), ...items.slice(at + 1)] : items
  let index = rest.length
  while (index > 0 && (rest[index - 1]?.createdAt ?? '') > message.createdAt) index -= 1
  return [...rest.slice(0, index), message, ...rest.slice(index)]
}

/** Older messages in front, skipping any already present. */
export function prependMessages(items: Message[], older: Message[]): Message[] {
  const known = new Set(items.map((m) => m.id))
  return [...older.filter((m) => !known.has(m.id)), ...items]
}

/** Copies the version fields of `versions` (one position's siblings) onto the listed messages. */
export function replaceVersionFields(items: Message[], versions: Message[]): Message[] {
  const byId = new Map(versions.map((v) => [v.id, v]))
  return items.map((m) => {
    const v = byId.get(m.id)
    return v ? { ...m, versionIndex: v.versionIndex, versionCount: v.versionCount } : m
  })
}

/** A message only this window has (an optimistic send, a reply main did not keep). */
export function localMessage(
  id: string,
  sessionId: string,
  role: Message['role'],
  content: string,
  patch: Partial<Message> = {},
): Message {
  return {
    id,
    sessionId,
    role,
    content,
    createdAt: new Date().toISOString(),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
    ...patch,
  }
}

const isLocal = (m: Message): boolean => m.id.startsWith('local:')

/**
 * The newest page, read again after another process changed the session, merged into what is
 * shown: older pages already loaded stay (so the scroll position holds), stored messages in the
 * page's time range (or older, when the page is the whole session) that it no longer holds are
 * dropped (deleted elsewhere, or another version chosen), and local stand-ins and messages newer
 * than the page (arrived while it was read) are kept. Returns null when the page does not reach
 * what is shown (more than a page arrived): the caller shows the page alone.
 */
export function mergeNewest(items: Message[], page: Message[], pageHasOlder: boolean) {
  const oldest = page[0]?.createdAt
  const newest = page.at(-1)?.createdAt
  if (oldest === undefined || newest === undefined) {
    return pageHasOlder ? null : items.filter(isLocal)
  }
  const ids = new Set(page.map((m) => m.id))
  const stored = items.filter((m) => !isLocal(m))
  const reaches = !pageHasOlder || stored.length === 0 || stored.some((m) => ids.has(m.id))
  if (!reaches) return null
  // Without older messages the page is the whole session: anything before it is gone too.
  const before = (m: Message) => pageHasOlder && m.createdAt < oldest
  const kept = items.filter((m) => isLocal(m) || ids.has(m.id) || before(m) || m.createdAt > newest)
  return page.reduce((all, m) => upsertMessage(all, m), kept)
}
