import { MirrorError } from '../../../shared/errors'
import type { SdkVaultDamage, SdkVaultFormat } from '../../../shared/sdkVault'
import { SDK_ENTRY_SUFFIX, SDK_INDEX_FILE } from '../../../shared/sdkVault'
import { wipe } from '../../crypto/wipe'
import { deriveSdkKey, looksLikeFernet, openFernetToken, openJsSdkFile } from './sdkCiphers'
import type { Opened } from './sdkCiphers'
import { notAnSdkVault } from './notAnSdkVault'

/** One file of an SDK vault folder: its name inside the folder and its bytes. */
export interface SdkVaultFile {
  name: string
  data: Buffer
}

/** One decrypted SDK entry, as the SDK stored it (timestamps still in the SDK's own form). */
export interface SdkEntry {
  key: string
  file: string
  value: unknown
  metadata: unknown
  createdAt: unknown
  updatedAt: unknown
}

export interface SdkVaultContents {
  format: SdkVaultFormat
  entries: SdkEntry[]
  damaged: SdkVaultDamage[]
}

interface IndexInfo {
  keys: string[]
  metadata: Map<string, unknown>
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseJson(plaintext: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext)) as unknown
  } catch {
    return undefined
  }
}

/** The SDK index: `{ entries: { <key>: { file, metadata, … } } }` (both SDKs). */
function readIndex(opened: Opened): IndexInfo | null {
  if (!opened.ok) return null
  const json = parseJson(opened.plaintext)
  if (!isObject(json) || !isObject(json['entries'])) return null
  const entries = json['entries']
  const metadata = new Map(
    Object.entries(entries).map(([key, info]) => [key, isObject(info) ? info['metadata'] : {}]),
  )
  return { keys: Object.keys(entries), metadata }
}

function keyOfFile(name: string): string {
  return name.slice(0, -SDK_ENTRY_SUFFIX.length)
}

function readEntry(
  file: string,
  opened: Opened,
  index: IndexInfo | null,
): SdkEntry | SdkVaultDamage {
  if (!opened.ok) return { file, key: keyOfFile(file), reason: opened.reason }
  const json = parseJson(opened.plaintext)
  if (!isObject(json) || typeof json['key'] !== 'string' || !('value' in json)) {
    return { file, key: keyOfFile(file), reason: 'it does not hold an SDK vault entry' }
  }
  const key = json['key']
  return {
    key,
    file,
    value: json['value'],
    metadata: 'metadata' in json ? json['metadata'] : (index?.metadata.get(key) ?? {}),
    createdAt: json['createdAt'] ?? json['created_at'],
    updatedAt: json['updatedAt'] ?? json['updated_at'],
  }
}

/**
 * Decrypts a Python or JavaScript SDK vault folder in memory. The password is taken as right
 * when any one file (the index or an entry) authenticates; then each file that does not is
 * damage, reported by key. When none authenticates the password is wrong (VAULT_BAD_PASSWORD):
 * the SDKs keep no key check, so a wrong password and a folder of altered files look the same.
 */
export async function readSdkVault(
  files: readonly SdkVaultFile[],
  password: string,
): Promise<SdkVaultContents> {
  const indexFile = files.find((f) => f.name === SDK_INDEX_FILE)
  const entryFiles = files
    .filter((f) => f.name.endsWith(SDK_ENTRY_SUFFIX) && f.name.length > SDK_ENTRY_SUFFIX.length)
    .sort((a, b) => a.name.localeCompare(b.name))
  const first = indexFile ?? entryFiles[0]
  if (!first) throw notAnSdkVault(files)
  const format: SdkVaultFormat = looksLikeFernet(first.data) ? 'python' : 'javascript'
  const open = format === 'python' ? openFernetToken : openJsSdkFile

  const key = await deriveSdkKey(password)
  let openedIndex: Opened | null
  let openedEntries: Array<{ file: string; opened: Opened }>
  try {
    openedIndex = indexFile ? open(key, indexFile.data) : null
    openedEntries = entryFiles.map((f) => ({ file: f.name, opened: open(key, f.data) }))
  } finally {
    wipe(key)
  }
  const all = [...(openedIndex ? [openedIndex] : []), ...openedEntries.map((e) => e.opened)]
  if (!all.some((o) => o.ok)) {
    if (all.some((o) => !o.ok && o.failure === 'auth')) {
      throw new MirrorError(
        'VAULT_BAD_PASSWORD',
        'The password does not open this SDK vault; nothing was imported.',
      )
    }
    throw new MirrorError(
      'VAULT_CORRUPT',
      'None of the SDK vault files can be read (they are not SDK vault files, or all damaged); nothing was imported.',
    )
  }

  const damaged: SdkVaultDamage[] = []
  const index = openedIndex ? readIndex(openedIndex) : null
  if (indexFile && !index) {
    const reason = openedIndex && !openedIndex.ok ? openedIndex.reason : 'it is not an SDK index'
    damaged.push({ file: SDK_INDEX_FILE, key: null, reason })
  }
  const entries = new Map<string, SdkEntry>()
  for (const { file, opened } of openedEntries) {
    const read = readEntry(file, opened, index)
    if (!('value' in read)) damaged.push(read)
    else if (entries.has(read.key)) {
      damaged.push({ file, key: read.key, reason: 'another file holds the same key' })
    } else entries.set(read.key, read)
  }
  const present = new Set(entryFiles.map((f) => f.name))
  for (const key of index?.keys ?? []) {
    const file = `${key}${SDK_ENTRY_SUFFIX}`
    if (!entries.has(key) && !present.has(file)) {
      damaged.push({ file, key, reason: 'the index lists it but its file is missing' })
    }
  }
  return { format, entries: [...entries.values()], damaged }
}
