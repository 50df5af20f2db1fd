import type { Session } from '../../../shared/domain'

export const DEFAULT_SESSION_TITLE = 'New session'

/**
 * `metadata.titleSource`: "user" once the user named the session (created with a title,
 * renamed), "auto" once a title was made automatically. Sessions without it that carry a title
 * other than the default (imported, branched, older ones) count as named by the user.
 */
export type TitleSource = 'user' | 'auto'

export function titleSource(session: Session): TitleSource | null {
  const source = session.metadata['titleSource']
  return source === 'user' || source === 'auto' ? source : null
}

export function namedByUser(session: Session): boolean {
  const source = titleSource(session)
  return source === 'user' || (source === null && session.title !== DEFAULT_SESSION_TITLE)
}

/**
 * Nothing in it, nobody named, pinned or filed it, not archived: "New session" opens this one
 * again.
 */
export function untouched(session: Session): boolean {
  return (
    session.messageCount === 0 &&
    !session.archived &&
    session.pinned !== true &&
    !session.folderId &&
    !namedByUser(session) &&
    titleSource(session) !== 'auto'
  )
}
