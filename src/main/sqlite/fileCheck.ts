import fs from 'node:fs'
import path from 'node:path'
import { MirrorError } from '../../shared/errors'

const HEADER = Buffer.from('SQLite format 3\0', 'latin1')
const HEADER_SIZE = 100

const unavailable = (filePath: string, reason: string): MirrorError =>
  new MirrorError('STORAGE_UNAVAILABLE', `The database ${filePath} cannot be opened: ${reason}.`, {
    file: filePath,
  })

export const corruptFile = (filePath: string, reason: string): MirrorError =>
  new MirrorError(
    'STORAGE_CORRUPT',
    `The database ${filePath} is damaged or not an ActiveMirror database (${reason}); it was left untouched.`,
    { file: filePath },
  )

function readHeader(filePath: string): Buffer {
  const fd = fs.openSync(filePath, 'r')
  try {
    const buffer = Buffer.alloc(HEADER_SIZE)
    const read = fs.readSync(fd, buffer, 0, HEADER_SIZE, 0)
    return buffer.subarray(0, read)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Looks at the file with plain reads before SQLite touches it, so a file that is not a database
 * or has been cut short is reported without anything being written to it. A missing file is
 * fine (SQLite creates it); its folder is created here. An encrypted file is checked by its key.
 */
export function checkDatabaseFile(filePath: string, options: { encrypted?: boolean } = {}): void {
  let stat: fs.Stats
  try {
    stat = fs.statSync(filePath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw unavailable(filePath, (error as NodeJS.ErrnoException).code ?? 'stat failed')
    }
    try {
      fs.mkdirSync(path.dirname(filePath), { recursive: true })
    } catch (mkdirError) {
      throw unavailable(filePath, (mkdirError as NodeJS.ErrnoException).code ?? 'no folder')
    }
    return
  }
  if (!stat.isFile()) throw unavailable(filePath, 'it is not a file')
  // An encrypted file's header is ciphertext: the key check (cipher.ts) stands in for it.
  if (stat.size === 0 || options.encrypted) return

  let header: Buffer
  try {
    header = readHeader(filePath)
  } catch (error) {
    throw unavailable(filePath, (error as NodeJS.ErrnoException).code ?? 'read failed')
  }
  if (header.length < HEADER_SIZE || !header.subarray(0, HEADER.length).equals(HEADER)) {
    throw corruptFile(filePath, 'no SQLite header')
  }
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw corruptFile(filePath, 'invalid page size')
  }
  // The in-header page count is trustworthy when the change counter matches version-valid-for.
  // A pending write-ahead log may legitimately hold pages a checkpoint has not copied yet.
  const changeCounter = header.readUInt32BE(24)
  const pageCount = header.readUInt32BE(28)
  const validFor = header.readUInt32BE(92)
  if (pageCount > 0 && changeCounter === validFor && !hasWal(filePath)) {
    if (stat.size < pageCount * pageSize) throw corruptFile(filePath, 'the file is truncated')
  }
}

function hasWal(filePath: string): boolean {
  try {
    return fs.statSync(`${filePath}-wal`).size > 0
  } catch {
    return false
  }
}
