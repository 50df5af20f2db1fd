import type { Message, Session } from '../../../../shared/domain'

export const NATIVE_FORMAT = 'activemirror.session'
export const NATIVE_VERSION = 1

/** The JS SDK writes this when a session has no user. */
export const DEFAULT_USER_ID = 'anonymous'

/** Who exported it: the local identity (docs/continuity.md). */
export interface ExportAuthor {
  id: string
  displayName: string
}

/**
 * Native export: the ActiveMirrorOS JS SDK session object (so the SDK can load it as a session
 * file) plus `format`/`version` and ActiveMirror's own fields.
 */
export function toNativeJson(session: Session, messages: Message[], author?: ExportAuthor | null) {
  const userId = session.metadata.userId
  return {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    id: session.id,
    title: session.title,
    userId: typeof userId === 'string' ? userId : DEFAULT_USER_ID,
    ...(author ? { author: { id: author.id, displayName: author.displayName } } : {}),
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    messageCount: messages.length,
    archived: session.archived,
    metadata: session.metadata,
    messages: messages.map((m) => ({
      id: m.id,
      sessionId: session.id,
      role: m.role,
      content: m.content,
      timestamp: m.createdAt,
      metadata: m.metadata,
      pattern: m.pattern,
      uncertainty: m.uncertainty,
      sensitive: m.sensitive,
      status: m.status,
      provider: m.provider,
      model: m.model,
    })),
  }
}

export function exportJson(
  session: Session,
  messages: Message[],
  author?: ExportAuthor | null,
): string {
  return `${JSON.stringify(toNativeJson(session, messages, author), null, 2)}\n`
}
