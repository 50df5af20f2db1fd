import type { Message, Session } from '../../../../shared/domain'
import type { ExportedFiles } from './exportJson'

export const SESSION_COMMENT = 'activemirror:session'
export const MESSAGE_COMMENT = 'activemirror:message'

/**
 * JSON inside an HTML comment on one line. `>` only occurs inside JSON strings, so escaping it
 * keeps any `-->` in titles or metadata from closing the comment early.
 */
export function comment(kind: string, value: unknown): string {
  return `<!-- ${kind} ${JSON.stringify(value).replace(/>/g, '\\u003e')} -->`
}

/** What the Markdown export hides in comments so the file imports back into the same session. */
export function sessionComment(session: Session): string {
  return comment(SESSION_COMMENT, {
    version: 1,
    id: session.id,
    title: session.title,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    archived: session.archived,
    metadata: session.metadata,
  })
}

/**
 * `length` is the content's length in UTF-16 units: content is anything, so it is not parsed.
 * `attachments` as the JSON export writes them (with `file` in a zip), so importing brings them.
 */
export function messageComment(m: Message, files?: ExportedFiles): string {
  return comment(MESSAGE_COMMENT, {
    id: m.id,
    role: m.role,
    createdAt: m.createdAt,
    pattern: m.pattern,
    uncertainty: m.uncertainty,
    sensitive: m.sensitive,
    status: m.status,
    provider: m.provider,
    model: m.model,
    metadata: m.metadata,
    length: m.content.length,
    ...(m.attachments?.length && {
      attachments: m.attachments.map((ref) => ({ ...ref, ...files?.get(ref.id) })),
    }),
  })
}
