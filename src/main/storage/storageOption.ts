import { MirrorError } from '../../shared/errors'
import type { Storage, StorageKind } from './storage'

/** `createMirror({ storage })`: a built-in backend by name, or an object implementing Storage. */
export type StorageOption = StorageKind | Storage

// A Record, so a new built-in backend fails to compile until it is listed here.
const KINDS: Record<StorageKind, true> = { sqlite: true, json: true, memory: true, postgres: true }

type RequiredMethod = {
  [K in keyof Storage]-?: undefined extends Storage[K]
    ? never
    : Storage[K] extends (...args: never[]) => unknown
      ? K
      : never
}[keyof Storage]

const REQUIRED_METHODS = [
  'createSession',
  'getSession',
  'listSessions',
  'updateSession',
  'deleteSession',
  'listFolders',
  'createFolder',
  'renameFolder',
  'deleteFolder',
  'appendMessage',
  'updateMessage',
  'getMessage',
  'listMessages',
  'listVersions',
  'switchToMessage',
  'deleteMessage',
  'restoreMessages',
  'listPathTo',
  'listTree',
  'importSession',
  'hasSession',
  'findIds',
  'search',
  'problems',
  'close',
] as const satisfies readonly RequiredMethod[]

// Fails to compile when Storage gains a required method that the check above does not look for.
const EVERY_METHOD_CHECKED: [Exclude<RequiredMethod, (typeof REQUIRED_METHODS)[number]>] extends [
  never,
]
  ? true
  : false = true
void EVERY_METHOD_CHECKED

const OPTIONAL_METHODS = ['importSessions', 'watchChanges'] as const

function invalid(message: string, data?: Record<string, unknown>): MirrorError {
  return new MirrorError('VALIDATION_FAILED', message, data)
}

/** A built-in backend's name, or VALIDATION_FAILED naming the ones there are. */
export function checkStorageKind(kind: unknown): StorageKind {
  if (typeof kind === 'string' && Object.hasOwn(KINDS, kind)) return kind as StorageKind
  throw invalid(
    `Unknown storage "${String(kind)}": use ${Object.keys(KINDS).join(', ')} or an object implementing Storage.`,
  )
}

/**
 * Checks what a caller passed as `storage`: a built-in backend's name is returned as is; an
 * object must have every Storage method (the conformance suite checks how they behave).
 */
export function checkStorageOption(option: unknown): StorageOption | undefined {
  if (option === undefined) return undefined
  if (typeof option !== 'object' || option === null) return checkStorageKind(option)
  const given = option as Record<string, unknown>
  const missing = REQUIRED_METHODS.filter((name) => typeof given[name] !== 'function')
  const wrong = OPTIONAL_METHODS.filter(
    (name) => given[name] !== undefined && typeof given[name] !== 'function',
  )
  if (missing.length > 0 || wrong.length > 0) {
    throw invalid(
      `The storage object does not implement Storage: ${[...missing, ...wrong].join(', ')} ${missing.length + wrong.length === 1 ? 'is' : 'are'} not a function.`,
      { missing: [...missing, ...wrong] },
    )
  }
  if (typeof given.kind !== 'string' || given.kind.length === 0) {
    throw invalid('The storage object needs a `kind` ("custom" for your own backend).')
  }
  return option as Storage
}
