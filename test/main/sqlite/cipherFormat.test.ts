import crypto from 'node:crypto'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hasOlderCipher } from '../../../src/main/sqlite/cipher'
import { cipherFormatOf } from '../../../src/main/sqlite/cipherFormat'
import { convertDatabaseFile } from '../../../src/main/sqlite/convertFile'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { makeMessage, makeSession } from '../../../src/testing/fixtures'
import { expectMirrorError } from '../storage/helpers/fixtures'
import { sha256, tempDir } from '../storage/helpers/tempDb'
import { toSqlCipher4 } from './helpers/olderCipher'

const key = crypto.randomBytes(32)
let dir: string
let cleanup: () => void
let file: string
beforeEach(() => {
  ;({ dir, cleanup } = tempDir('amos-cipher-format-'))
  file = path.join(dir, 'activemirror.db')
})
afterEach(() => cleanup())

async function fill(count: number): Promise<string> {
  const storage = await openSqliteStorage(file, { key })
  const session = makeSession()
  await storage.createSession(session)
  for (let i = 0; i < count; i++) {
    await storage.appendMessage(
      makeMessage(session.id, { id: `msg_fmt_${i}`, content: `note ${i} on TAMARIND trees` }),
    )
  }
  await storage.close()
  return session.id
}

async function expectMessages(sessionId: string, count: number): Promise<void> {
  const storage = await openSqliteStorage(file, { key })
  try {
    const page = await storage.listMessages(sessionId, { limit: 1000 })
    expect(page.items.map((m) => m.id)).toEqual(
      Array.from({ length: count }, (_, i) => `msg_fmt_${i}`),
    )
    expect((await storage.search('tamarind', { limit: 100 })).length).toBe(count)
  } finally {
    await storage.close()
  }
}

describe('the layout of encrypted history files', () => {
  it('a new encrypted database is written in AEGIS pages', async () => {
    const sessionId = await fill(3)
    expect(cipherFormatOf(file, key)).toBe('aegis')
    expect(hasOlderCipher(file, key)).toBe(false)
    await expectMessages(sessionId, 3)
  })

  it('a SQLCipher 4 file written before opens, and ordinary use keeps its layout', async () => {
    const sessionId = await fill(4)
    toSqlCipher4(file, key)
    expect(cipherFormatOf(file, key)).toBe('sqlcipher4')
    expect(hasOlderCipher(file, key)).toBe(true)
    const storage = await openSqliteStorage(file, { key })
    await storage.appendMessage(
      makeMessage(sessionId, { id: 'msg_fmt_4', content: 'note 4 on TAMARIND trees' }),
    )
    await storage.close()
    expect(cipherFormatOf(file, key)).toBe('sqlcipher4')
    await expectMessages(sessionId, 5)
  })

  it('another key does not open a SQLCipher 4 file, and changes nothing in it', async () => {
    await fill(2)
    toSqlCipher4(file, key)
    const before = sha256(file)
    const other = crypto.randomBytes(32)
    expect(cipherFormatOf(file, other)).toBe('aegis')
    await expectMirrorError(openSqliteStorage(file, { key: other }), 'ENCRYPTION_KEY_MISSING')
    expect(sha256(file)).toBe(before)
  })

  it('converting with the same key rewrites a SQLCipher 4 file in AEGIS, every message kept', async () => {
    const sessionId = await fill(30)
    toSqlCipher4(file, key)
    convertDatabaseFile(file, { from: key, to: key })
    expect(cipherFormatOf(file, key)).toBe('aegis')
    await expectMessages(sessionId, 30)
  })
})
