import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3-multiple-ciphers'
import { isEncryptedFile } from '../../../src/main/sqlite/cipher'
import {
  convertDatabaseFile,
  convertingName,
  removeConversionLeftovers,
} from '../../../src/main/sqlite/convertFile'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { MirrorError } from '../../../src/shared/errors'
import { runTsChild } from '../helpers/tsChild'
import { sha256, tempDir } from '../storage/helpers/tempDb'

const worker = fileURLToPath(new URL('./helpers/convertWorker.ts', import.meta.url))
const key = crypto.randomBytes(32)
const keyHex = key.toString('hex')

let dir: string
let cleanup: () => void
let file: string
beforeEach(() => {
  ;({ dir, cleanup } = tempDir('amos-convert-'))
  file = path.join(dir, 'activemirror.db')
})
afterEach(() => cleanup())

/** Every file the database may live in (the file, its WAL and SHM, a conversion copy). */
function bytesOnDisk(): Buffer {
  return Buffer.concat(fs.readdirSync(dir).map((name) => fs.readFileSync(path.join(dir, name))))
}

/** Opens the file the way the app does after a crash (its header says plain or encrypted). */
async function acknowledgedAfterCrash(): Promise<{ count: number; encrypted: boolean }> {
  removeConversionLeftovers(file)
  const encrypted = isEncryptedFile(file)
  const storage = await openSqliteStorage(file, encrypted ? { key } : {})
  try {
    const page = await storage.listMessages('session_kill', { limit: 10_000 })
    const ids = page.items.map((m) => m.id)
    expect(ids).toEqual(ids.map((_, i) => `msg_kill_${i}`))
    expect((await storage.search('lighthouses')).length).toBeGreaterThan(0)
    return { count: ids.length, encrypted }
  } finally {
    await storage.close()
  }
}

async function fill(count: number, direction: 'enable' | 'disable' = 'enable'): Promise<void> {
  // The worker appends, then converts; `swapped` is after the last step, so it only appends.
  const run = await runTsChild(worker, [file, keyHex, direction, String(count), 'none'])
  expect(run.stderr).toBe('')
  expect(run.stdout).toContain('converted')
}

describe('convertDatabaseFile', () => {
  it('encrypts a database so none of its text is on disk, and decrypts it back unchanged', async () => {
    await fill(40)
    expect(isEncryptedFile(file)).toBe(true)
    expect(bytesOnDisk().includes('lighthouses')).toBe(false)
    expect(bytesOnDisk().includes('Kill test')).toBe(false)
    expect(await acknowledgedAfterCrash()).toEqual({ count: 40, encrypted: true })

    convertDatabaseFile(file, { from: key, to: null })
    expect(isEncryptedFile(file)).toBe(false)
    expect(bytesOnDisk().includes('lighthouses')).toBe(true)
    expect(await acknowledgedAfterCrash()).toEqual({ count: 40, encrypted: false })
    expect(fs.existsSync(convertingName(file))).toBe(false)
  }, 60_000)

  it('refuses while another connection has the database open, and changes nothing', async () => {
    const storage = await openSqliteStorage(file)
    await storage.close()
    const other = new Database(file)
    other.pragma('journal_mode = WAL')
    other.prepare('SELECT 1').get()
    const before = sha256(file)
    try {
      expect(() => convertDatabaseFile(file, { from: null, to: key })).toThrow(
        expect.objectContaining({ code: 'STORAGE_BUSY' }),
      )
    } finally {
      other.close()
    }
    expect(sha256(file)).toBe(before)
    expect(isEncryptedFile(file)).toBe(false)
    expect(fs.existsSync(convertingName(file))).toBe(false)
  })

  it('refuses a key that does not open the file, and changes nothing', async () => {
    await fill(3)
    const before = sha256(file)
    let error: unknown
    try {
      convertDatabaseFile(file, { from: crypto.randomBytes(32), to: null })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(MirrorError)
    expect((error as MirrorError).code).toBe('ENCRYPTION_KEY_MISSING')
    expect(sha256(file)).toBe(before)
  }, 30_000)
})

describe('a kill -9 during conversion', () => {
  for (const direction of ['enable', 'disable'] as const) {
    for (const step of ['copied', 'rekeyed', 'verified', 'swapped'] as const) {
      it(`at "${step}" (${direction}) leaves a database with every acknowledged message`, async () => {
        if (direction === 'disable') await fill(20)
        const run = await runTsChild(worker, [file, keyHex, direction, '30', step])
        expect(run.code).toBeNull()
        const acked = Number(/acked (\d+)/.exec(run.stdout)?.[1])
        expect(acked).toBe(direction === 'disable' ? 50 : 30)
        expect(run.stdout).not.toContain('converted')
        const after = await acknowledgedAfterCrash()
        expect(after.count).toBe(acked)
        // Before the rename the old file stays; from it on, the new one.
        const converted = step === 'swapped'
        expect(after.encrypted).toBe(direction === 'enable' ? converted : !converted)
      }, 60_000)
    }
  }

  it('at any moment, killed from outside on a timer, leaves every acknowledged message', async () => {
    for (const delayMs of [0, 5, 15, 30, 60, 120]) {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir)
      const acked = await new Promise<number>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', worker, file, keyHex, 'enable', '3000', 'none'],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        )
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          if (/acked \d+/.test(out)) setTimeout(() => child.kill('SIGKILL'), delayMs)
        })
        child.on('error', reject)
        child.on('close', () => resolve(Number(/acked (\d+)/.exec(out)?.[1] ?? 0)))
      })
      expect(acked).toBe(3000)
      const after = await acknowledgedAfterCrash()
      expect(after.count).toBe(acked)
    }
  }, 180_000)
})
