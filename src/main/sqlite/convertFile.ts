import fs from 'node:fs'
import path from 'node:path'
import { MirrorError } from '../../shared/errors'
import { keyDatabase, rekeyDatabase } from './cipher'
import Database from './driver'
import type { Database as Db } from './driver'
import { nativeBindingOption } from './nativeBinding'
import { toMirrorError } from './sqliteErrors'
import { tableCounts, verifyCopy } from './verifyCopy'

export interface ConvertOptions {
  /** The key the file is encrypted with now; null when it is plain. */
  from: Buffer | null
  /** The key to encrypt the new file with; null for a plain file. */
  to: Buffer | null
  nativeBinding?: string
  /** Test hook: called between the steps, so kill tests can stop the process at each one. */
  onStep?: (step: ConvertStep) => void
}

export type ConvertStep = 'copied' | 'rekeyed' | 'verified' | 'swapped'

/** The copy being built beside the database; a leftover one is never the live file. */
export const convertingName = (file: string): string => `${file}.converting`

const SIDE_FILES = ['', '-journal', '-wal', '-shm']

/** Removes what a conversion killed half-way left behind (the live file is never among it). */
export function removeConversionLeftovers(file: string): void {
  for (const suffix of SIDE_FILES) fs.rmSync(`${convertingName(file)}${suffix}`, { force: true })
}

function open(file: string, key: Buffer | null, nativeBinding?: string): Db {
  const db = new Database(file, { timeout: 2000, ...nativeBindingOption(nativeBinding) })
  try {
    if (key) keyDatabase(db, key, file)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

function syncDir(dir: string): void {
  // Directories cannot be opened for fsync on Windows; there rename is durable enough.
  if (process.platform === 'win32') return
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Takes the database for this process alone. Leaving WAL mode needs every other connection
 * gone, so SQLite itself tells us whether another window, CLI or host still has it open; the
 * exclusive lock then keeps newcomers out until the swap is done.
 */
function takeExclusive(db: Db, file: string): void {
  let mode: unknown
  try {
    mode = db.pragma('journal_mode = DELETE', { simple: true })
  } catch (error) {
    throw busy(file, error)
  }
  if (mode !== 'delete') throw busy(file, null)
  db.pragma('locking_mode = EXCLUSIVE')
}

const busy = (file: string, cause: unknown): MirrorError =>
  new MirrorError(
    'STORAGE_BUSY',
    `The database ${path.basename(file)} is open in another ActiveMirror window or command; ` +
      'close it and try again. Nothing was changed.',
    { file, ...(cause instanceof Error ? { reason: cause.message } : {}) },
  )

/**
 * Re-encrypts (or decrypts) one SQLite file without ever putting it at risk: copies it into
 * `<file>.converting` (VACUUM INTO), re-keys the copy, verifies it against the original, then
 * renames it over the original. A kill before the rename leaves the original as it was; after
 * it, the new file. Whether a file is encrypted is read from the file itself (cipher.ts), so
 * there is no flag to fall out of step.
 */
export function convertDatabaseFile(file: string, options: ConvertOptions): void {
  const copyPath = convertingName(file)
  removeConversionLeftovers(file)
  const source = open(file, options.from, options.nativeBinding)
  try {
    takeExclusive(source, file)
    const expected = tableCounts(source)
    source.prepare('VACUUM INTO ?').run(copyPath)
    options.onStep?.('copied')

    // The copy carries the source's cipher and key; it is private to us, so re-keying in place is safe.
    const copy = open(copyPath, options.from, options.nativeBinding)
    try {
      rekeyDatabase(copy, options.to)
    } finally {
      copy.close()
    }
    options.onStep?.('rekeyed')

    const check = open(copyPath, options.to, options.nativeBinding)
    try {
      verifyCopy(check, expected, file)
    } finally {
      check.close()
    }
    syncFile(copyPath)
    options.onStep?.('verified')

    // Still holding the exclusive lock: nobody can write to the old file after this point.
    for (const suffix of ['-wal', '-shm', '-journal'])
      fs.rmSync(`${file}${suffix}`, { force: true })
    fs.renameSync(copyPath, file)
    syncDir(path.dirname(file))
    options.onStep?.('swapped')
  } catch (error) {
    removeConversionLeftovers(file)
    throw toMirrorError(error, file)
  } finally {
    source.close()
  }
}
