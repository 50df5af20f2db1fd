import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { MirrorError } from '../../shared/errors'
import { decrypt, DecryptError } from '../crypto/envelope'
import { wipe } from '../crypto/wipe'
import { unwrapWithPassword } from '../vault/vaultKeys'
import {
  BackupRecordSchema,
  countRecord,
  FILE_KEY_AAD,
  FrameSchema,
  FULL_BACKUP_FORMAT,
  FULL_BACKUP_VERSION,
  frameAad,
  HeaderSchema,
  MAX_LINE_BYTES,
  noCounts,
} from './backupFormat'
import type { BackupCounts, BackupHeader, BackupRecord } from './backupFormat'

const corrupt = (message: string): MirrorError =>
  new MirrorError('BACKUP_CORRUPT', `${message} Nothing was restored.`)

const unrecognized = (message: string): MirrorError =>
  new MirrorError('BACKUP_UNRECOGNIZED', message)

const PEEK_BYTES = 4096

/** Reads the first bytes so a foreign file (even a huge one without newlines) is refused at once. */
async function peek(file: string): Promise<string> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new MirrorError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'STORAGE_UNAVAILABLE',
      `Cannot read the backup file (${code ?? 'read failed'}).`,
    )
  }
  try {
    const buffer = Buffer.alloc(PEEK_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, PEEK_BYTES, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  let json: unknown
  try {
    json = JSON.parse(line ?? '')
  } catch {
    throw corrupt('The backup header is damaged.')
  }
  const head = (json ?? {}) as { version?: unknown }
  if (head.version !== FULL_BACKUP_VERSION) {
    throw unrecognized(
      `Backup version ${String(head.version)} is not supported (this app reads version ${FULL_BACKUP_VERSION}).`,
    )
  }
  const parsed = HeaderSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw corrupt(`The backup header is damaged (${issue ? issue.path.join('.') : 'invalid'}).`)
  }
  return parsed.data
}

/** The file key for `password`: VAULT_BAD_PASSWORD when the vault key section does not open. */
async function fileKeyOf(header: BackupHeader, password: string): Promise<Buffer> {
  const dek = await unwrapWithPassword(header.kdf, header.wrappedKey, password, null)
  if (!dek) {
    throw new MirrorError(
      'VAULT_BAD_PASSWORD',
      'The password does not open this backup (it is the vault password of when the backup was made); nothing was changed.',
    )
  }
  try {
    return decrypt(dek, header.fileKey, FILE_KEY_AAD)
  } catch (error) {
    if (error instanceof DecryptError) throw corrupt('The backup key section is damaged.')
    throw error
  } finally {
    wipe(dek)
  }
}

function parseRecords(plain: Buffer, frame: number): BackupRecord[] {
  const records: BackupRecord[] = []
  for (const line of plain.toString('utf8').split('\n')) {
    if (line.length === 0) continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      throw corrupt(`Frame ${frame} holds a record that is not JSON.`)
    }
    const parsed = BackupRecordSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw corrupt(
        `Frame ${frame} holds an invalid record (${issue ? issue.path.join('.') : 'invalid'}).`,
      )
    }
    records.push(parsed.data)
  }
  return records
}

function checkCounts(seen: BackupCounts, end: BackupCounts): void {
  for (const key of Object.keys(end) as Array<keyof BackupCounts>) {
    if (seen[key] !== end[key])
      throw corrupt(`The backup lists ${end[key]} ${key} but holds ${seen[key]}.`)
  }
}

/** The header of a backup file, checked for format and structure (no password needed). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const start = await peek(file)
  if (!start.startsWith(`{"format":"${FULL_BACKUP_FORMAT}"`)) {
    throw unrecognized(
      start.includes('"activemirror.vault-backup"')
        ? 'This is a vault-only backup: restore it with `amos vault restore` or the vault panel.'
        : 'This file is not an ActiveMirror backup.',
    )
  }
  const newline = start.indexOf('\n')
  return parseHeader(newline < 0 ? start : start.slice(0, newline))
}

/**
 * Every record of a backup file, in order, each frame authenticated before its records are
 * handed out. Throws BACKUP_UNRECOGNIZED (not a backup), VAULT_BAD_PASSWORD, or BACKUP_CORRUPT
 * (a damaged frame, frames out of order, a cut-off file, counts that do not add up).
 */
export async function* readBackupRecords(
  file: string,
  password: string,
): AsyncGenerator<BackupRecord> {
  await readBackupHeader(file)
  const lines = createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  })
  let key: Buffer | null = null
  let expected = 0
  let ended = false
  const seen = noCounts()
  try {
    for await (const line of lines) {
      if (!key) {
        key = await fileKeyOf(parseHeader(line), password)
        continue
      }
      if (ended) {
        if (line.length === 0) continue
        throw corrupt('The backup has data after its last frame.')
      }
      if (line.length > MAX_LINE_BYTES) throw corrupt(`Frame ${expected} is too long.`)
      let json: unknown
      try {
        json = JSON.parse(line)
      } catch {
        throw corrupt(`Frame ${expected} is damaged (not JSON).`)
      }
      const frame = FrameSchema.safeParse(json)
      if (!frame.success || frame.data.frame !== expected) {
        throw corrupt(`Frame ${expected} is damaged or out of order.`)
      }
      let plain: Buffer
      try {
        plain = decrypt(key, frame.data, frameAad(expected, frame.data.last))
      } catch (error) {
        if (error instanceof DecryptError) throw corrupt(`Frame ${expected} fails its check.`)
        throw error
      }
      const records = parseRecords(plain, expected)
      wipe(plain)
      expected++
      for (const record of records) {
        if (record.type === 'end') {
          if (!frame.data.last) throw corrupt('The backup ends in the middle of a frame.')
          checkCounts(seen, record.counts)
          ended = true
          continue
        }
        countRecord(seen, record)
        yield record
      }
      if (frame.data.last && !ended) throw corrupt('The last frame has no end record.')
    }
    if (!key) throw corrupt('The backup header is damaged.')
    if (!ended) throw corrupt('The backup is cut short (its last frame is missing).')
  } finally {
    if (key) wipe(key)
    lines.close()
  }
}
