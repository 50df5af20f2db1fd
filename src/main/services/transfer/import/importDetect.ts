import { NATIVE_FORMAT, NATIVE_VERSION, NATIVE_VERSIONS_READ } from '../export/exportJson'
import { importJsSdk } from './formats/sdk/importJsSdk'
import { importNative } from './formats/native/importNative'
import { importPythonSdk } from './formats/sdk/importPythonSdk'
import type { ParsedSession } from './importShared'
import { invalidImport, unsupportedImport } from './importShared'

export type ImportFormat = 'activemirror' | 'jsSdk' | 'pythonSdk'

const EXPECTED = 'expected an ActiveMirror, ActiveMirrorOS JS SDK or Python SDK session JSON file'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Decides the format from the parsed content (never the file name). */
export function detectFormat(value: unknown): ImportFormat {
  if (!isRecord(value)) {
    throw unsupportedImport(
      `the JSON is ${Array.isArray(value) ? 'a list' : 'not an object'}; ${EXPECTED}`,
    )
  }
  if (value.format === NATIVE_FORMAT) {
    if (typeof value.version !== 'number' || !NATIVE_VERSIONS_READ.includes(value.version)) {
      throw unsupportedImport(
        `ActiveMirror session format version ${String(value.version)} is not supported (this app reads versions up to ${NATIVE_VERSION})`,
      )
    }
    return 'activemirror'
  }
  if (value.format !== undefined) {
    throw unsupportedImport(`unknown format "${String(value.format)}"; ${EXPECTED}`)
  }
  if (!Array.isArray(value.messages)) {
    if (Array.isArray(value.sessions)) {
      throw unsupportedImport(
        'this is a JS SDK store index.json; import the session files next to it',
      )
    }
    throw unsupportedImport(`no "messages" list; ${EXPECTED}`)
  }
  if ('created_at' in value || 'user_id' in value || 'message_count' in value) return 'pythonSdk'
  if ('createdAt' in value || 'userId' in value || 'messageCount' in value) return 'jsSdk'
  throw unsupportedImport(`a "messages" list but no session timestamps; ${EXPECTED}`)
}

export const IMPORTERS: Record<ImportFormat, (value: unknown) => ParsedSession> = {
  activemirror: importNative,
  jsSdk: importJsSdk,
  pythonSdk: importPythonSdk,
}

/** Text of one file → a session to store, or IMPORT_INVALID / IMPORT_UNSUPPORTED_FORMAT. */
export function parseImportFile(content: string): { format: ImportFormat; parsed: ParsedSession } {
  const text = content.replace(/^\uFEFF/, '')
  const start = text.trimStart()
  if (start.length === 0) throw invalidImport('the file is empty')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    // Something that starts like JSON but does not parse is a damaged file, not another format.
    if (start[0] === '{' || start[0] === '[') {
      const detail = error instanceof Error ? error.message : 'parse error'
      throw invalidImport(`the JSON is malformed or truncated (${detail})`)
    }
    throw unsupportedImport(`not JSON; ${EXPECTED}`)
  }
  const format = detectFormat(value)
  return { format, parsed: IMPORTERS[format](value) }
}
