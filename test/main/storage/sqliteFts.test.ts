import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildFtsQuery } from '../../../src/main/storage/sqlite/ftsQuery'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { SqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Message } from '../../../src/shared/domain'
import { makeMessage, makeSession } from './helpers/fixtures'
import { ftsEntries, tempDir } from './helpers/tempDb'

describe('buildFtsQuery', () => {
  it('quotes every word and ANDs them', () => {
    expect(buildFtsQuery('garden paths')).toBe('"garden" AND "paths"')
    expect(buildFtsQuery('  café\tnaïve ')).toBe('"café" AND "naïve"')
  })

  it('keeps a trailing * as a prefix', () => {
    expect(buildFtsQuery('gard* paths')).toBe('"gard"* AND "paths"')
  })

  it('turns FTS syntax into plain words or drops it', () => {
    expect(buildFtsQuery('"AND OR NEAR( ^ -')).toBe('"AND" AND "OR" AND "NEAR"')
    expect(buildFtsQuery('te"rm')).toBe('"te" AND "rm"')
    expect(buildFtsQuery('col:umn -x')).toBe('"col" AND "umn" AND "x"')
    expect(buildFtsQuery('^ - * ( ) "')).toBeNull()
    expect(buildFtsQuery('')).toBeNull()
  })
})

describe('the FTS index follows the storage', () => {
  let tmp: ReturnType<typeof tempDir>
  let file: string
  let storage: SqliteStorage
  let reader: Db

  beforeEach(async () => {
    tmp = tempDir()
    file = path.join(tmp.dir, 'fts.db')
    storage = await openSqliteStorage(file)
    reader = new Database(file, { readonly: true })
  })
  afterEach(async () => {
    reader.close()
    await storage.close()
    tmp.cleanup()
  })

  /** The index must hold exactly the words of the visible (non-sensitive) messages. */
  function expectIndexed(messages: Message[]): void {
    const seqOf = reader.prepare('SELECT seq FROM messages WHERE id = ?').pluck()
    const expected = messages
      .flatMap((m) =>
        [...new Set(m.content.toLowerCase().match(/\p{L}+/gu) ?? [])].map((term) => ({
          term,
          doc: seqOf.get(m.id) as number,
        })),
      )
      .sort((a, b) => a.doc - b.doc || (a.term < b.term ? -1 : 1))
    expect(ftsEntries(reader)).toEqual(expected)
  }

  it('through append, update, sensitivity flips, import and delete', async () => {
    const session = makeSession()
    await storage.createSession(session)
    const open = makeMessage(session.id, { content: 'open words' })
    const secret = makeMessage(session.id, { content: 'secret words', sensitive: true })
    await storage.appendMessage(open)
    await storage.appendMessage(secret)
    expectIndexed([open])

    const edited = { ...open, content: 'edited text' }
    await storage.updateMessage(edited)
    expectIndexed([edited])
    expect(await storage.search('open')).toEqual([])

    const revealed = { ...secret, sensitive: false }
    const hidden = { ...edited, sensitive: true }
    await storage.updateMessage(revealed)
    await storage.updateMessage(hidden)
    expectIndexed([revealed])

    const imported = makeSession({ messageCount: 2 })
    const im = [
      makeMessage(imported.id, { content: 'imported lines' }),
      makeMessage(imported.id, { content: 'imported secret', sensitive: true }),
    ]
    await storage.importSession(imported, im)
    expectIndexed([revealed, im[0]!])

    await storage.deleteSession(session.id)
    expectIndexed([im[0]!])
    await storage.deleteSession(imported.id)
    expect(ftsEntries(reader)).toEqual([])
  })

  it('a rejected write leaves the index as it was', async () => {
    const session = makeSession()
    await storage.createSession(session)
    const m = makeMessage(session.id, { content: 'original text' })
    await storage.appendMessage(m)
    await expect(storage.appendMessage({ ...m, content: 'duplicate attempt' })).rejects.toThrow()
    await expect(
      storage.importSession(makeSession({ id: session.id }), [makeMessage(session.id)]),
    ).rejects.toThrow()
    expectIndexed([m])
  })
})
