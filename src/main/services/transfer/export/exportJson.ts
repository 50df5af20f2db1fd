import type { Message, Session } from '../../../../shared/domain'
import type { ExportedFile } from './exportAttachments'
import { splitTree } from './exportTree'

export const NATIVE_FORMAT = 'activemirror.session'
/** 2: the message tree (`parentId`, `versionIndex`, `otherVersions`, `currentLeafId`). */
export const NATIVE_VERSION = 2
/** Versions this build reads: 1 (a chain, before message trees) and 2. */
export const NATIVE_VERSIONS_READ: readonly number[] = [1, 2]

/** The JS SDK writes this when a session has no user. */
export const DEFAULT_USER_ID = 'anonymous'

/** Who exported it: the local identity (docs/continuity.md). */
export interface ExportAuthor {
  id: string
  displayName: string
}

/** Entries of a zip export's files by attachment id; a plain JSON export has none. */
export type ExportedFiles = ReadonlyMap<string, ExportedFile>

function nativeAttachments(m: Message, files: ExportedFiles | undefined) {
  if (!m.attachments?.length) return {}
  return { attachments: m.attachments.map((ref) => ({ ...ref, ...files?.get(ref.id) })) }
}

function nativeMessage(
  sessionId: string,
  m: Message,
  versionIndex: number,
  files: ExportedFiles | undefined,
) {
  return {
    id: m.id,
    sessionId,
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
    parentId: m.parentId ?? null,
    versionIndex,
    // References always; `file` (and `sha256` for a sealed one) only in a zip export.
    ...nativeAttachments(m, files),
  }
}

/**
 * Native export: the ActiveMirrorOS JS SDK session object (so the SDK can load it as a session
 * file, and sees the current path as its `messages`) plus `format`/`version` and ActiveMirror's
 * own fields: every other version in `otherVersions`, each message's `parentId` and
 * `versionIndex`, and the session's `currentLeafId`; `pinned` and its folder's name when set. `tree` is every message of the session,
 * parents before children, versions in order (Storage.listTree).
 */
export function toNativeJson(
  session: Session,
  tree: Message[],
  author?: ExportAuthor | null,
  folderName?: string | null,
  files?: ExportedFiles,
) {
  const userId = session.metadata.userId
  const { path, others, versionIndex } = splitTree(tree, session.currentLeafId ?? null)
  const write = (m: Message) => nativeMessage(session.id, m, versionIndex.get(m.id) ?? 1, files)
  return {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    id: session.id,
    title: session.title,
    userId: typeof userId === 'string' ? userId : DEFAULT_USER_ID,
    ...(author ? { author: { id: author.id, displayName: author.displayName } } : {}),
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
    // The SDK's meaning: the length of `messages`.
    messageCount: path.length,
    archived: session.archived,
    // Only when set, so unorganised sessions export exactly as before.
    ...(session.pinned ? { pinned: true } : {}),
    ...(folderName ? { folder: folderName } : {}),
    metadata: session.metadata,
    currentLeafId: path.at(-1)?.id ?? null,
    messages: path.map(write),
    otherVersions: others.map(write),
  }
}

export function exportJson(
  session: Session,
  tree: Message[],
  author?: ExportAuthor | null,
  folderName?: string | null,
  files?: ExportedFiles,
): string {
  return `${JSON.stringify(toNativeJson(session, tree, author, folderName, files), null, 2)}\n`
}
