import { detectFormat, IMPORTERS } from './importDetect'
import { importConversations } from './importConversations'
import { importChatGptConversation, looksLikeChatGpt } from './formats/chatgpt/importChatGpt'
import { importActiveMirrorMarkdown, isActiveMirrorMarkdown } from './formats/native/importMarkdown'
import { importSdkMarkdown, isSdkMarkdown } from './formats/sdk/importSdkMarkdown'
import type { ImportRun } from './importRun'
import { invalidImport, unsupportedImport } from './importShared'

/** A JS SDK store's index.json: not a session, but a list the other files are checked against. */
export interface IndexFile {
  ids: string[]
}

function asIndex(value: unknown): IndexFile | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const record = value as Record<string, unknown>
  if (!Array.isArray(record.sessions) || 'messages' in record) return null
  return { ids: record.sessions.filter((id): id is string => typeof id === 'string') }
}

const NOT_AN_EXPORT =
  'Markdown or text that is not an ActiveMirror or ActiveMirrorOS export (no **Session ID** line)'

/**
 * A file read whole (session JSON, a small JSON list, Markdown), format decided by content.
 * Sessions go straight to the run; an SDK index.json is returned to the caller.
 */
export async function importText(
  run: ImportRun,
  file: string,
  raw: string,
): Promise<IndexFile | null> {
  const text = raw.replace(/^\uFEFF/, '')
  const start = text.trimStart()
  if (start.length === 0) throw invalidImport('the file is empty')
  if (text.includes('\u0000')) throw unsupportedImport('a binary file, not an export')
  if (start[0] !== '{' && start[0] !== '[') {
    if (isActiveMirrorMarkdown(text)) await run.store(file, importActiveMirrorMarkdown(text))
    else if (isSdkMarkdown(text)) await run.store(file, importSdkMarkdown(text))
    else throw unsupportedImport(NOT_AN_EXPORT)
    return null
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : 'parse error'
    throw invalidImport(`the JSON is malformed or truncated (${detail})`)
  }
  if (Array.isArray(value)) {
    await importConversations(run, file, value)
    return null
  }
  if (looksLikeChatGpt(value)) {
    await run.store(file, importChatGptConversation(value))
    return null
  }
  const index = asIndex(value)
  if (index) return index
  await run.store(file, IMPORTERS[detectFormat(value)](value))
  return null
}
