import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isEncryptedFile } from '../../../../src/main/sqlite/cipher'
import { openSqliteVectorStore } from '../../../../src/main/storage/sqlite/vectors/sqliteVectorStore'
import type { SqliteVectorStore } from '../../../../src/main/storage/sqlite/vectors/sqliteVectorStore'

let dir: string
let file: string
const open: SqliteVectorStore[] = []
const openStore = (key?: Buffer): SqliteVectorStore => {
  const store = openSqliteVectorStore(file, key ? { key } : {})
  open.push(store)
  return store
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-vectors-'))
  file = path.join(dir, 'vectors.db')
})
afterEach(async () => {
  for (const store of open.splice(0)) await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const entry = (messageId: string, sessionId: string, vector: number[]) => ({
  messageId,
  sessionId,
  createdAt: '2026-01-01T00:00:00.000Z',
  vector: Float32Array.from(vector),
})

/** Every byte of the file and its WAL, after a checkpoint. */
const bytesOnDisk = (): Buffer =>
  Buffer.concat(
    ['', '-wal'].map((s) =>
      fs.existsSync(file + s) ? fs.readFileSync(file + s) : Buffer.alloc(0),
    ),
  )

describe('SqliteVectorStore (sqlite-vec)', () => {
  it('stores vectors of one space and finds the nearest, leaving excluded sessions out', async () => {
    const store = openStore()
    expect(await store.space()).toBeNull()
    await store.reset({ key: 'test m1', dimension: 3 })
    await store.put([
      entry('m-a', 's1', [1, 0, 0]),
      entry('m-b', 's2', [0.9, 0.1, 0]),
      entry('m-c', 's3', [0, 0, 1]),
    ])
    const hits = await store.nearest(Float32Array.from([1, 0.05, 0]), { limit: 2 })
    expect(hits.map((h) => h.messageId)).toEqual(['m-a', 'm-b'])
    expect(hits[0]!.similarity).toBeGreaterThan(0.99)
    const without = await store.nearest(Float32Array.from([1, 0.05, 0]), {
      limit: 2,
      excludeSessionIds: new Set(['s1']),
    })
    expect(without.map((h) => h.messageId)).toEqual(['m-b', 'm-c'])
    await expect(store.put([entry('m-d', 's1', [1, 0])])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    })
  })

  it('keeps vectors and marks across a reopen; a new model empties it', async () => {
    const first = openStore()
    await first.reset({ key: 'test m1', dimension: 2 })
    await first.put([entry('m-a', 's1', [1, 0])])
    await first.markIndexed('s1', '2026-01-02T00:00:00.000Z')
    await first.close()
    const again = openStore()
    expect(await again.space()).toEqual({ key: 'test m1', dimension: 2 })
    expect(await again.indexedThrough('s1')).toBe('2026-01-02T00:00:00.000Z')
    expect([...(await again.messageIdsOf('s1'))]).toEqual(['m-a'])
    await again.reset({ key: 'test m2', dimension: 4 })
    expect(await again.indexedThrough('s1')).toBeNull()
    expect(await again.messageIdsOf('s1')).toEqual(new Set())
    await again.put([entry('m-a', 's1', [0, 1, 0, 0])])
    expect((await again.nearest(Float32Array.from([0, 1, 0, 0]), { limit: 1 }))[0]!.messageId).toBe(
      'm-a',
    )
    await again.removeSession('s1')
    expect(await again.nearest(Float32Array.from([0, 1, 0, 0]), { limit: 1 })).toEqual([])
  })

  it('loads sqlite-vec in a file encrypted like the history: no vector bytes in the clear', async () => {
    const key = randomBytes(32)
    const marker = Float32Array.from([0.123456789, -9.87654321, 3.14159265, 2.71828182])
    const store = openStore(key)
    await store.reset({ key: 'test m1', dimension: 4 })
    await store.put([{ ...entry('m-secret', 's1', [0, 0, 0, 0]), vector: marker }])
    expect((await store.nearest(marker, { limit: 1 }))[0]!.messageId).toBe('m-secret')
    await store.close()
    expect(isEncryptedFile(file)).toBe(true)
    const disk = bytesOnDisk()
    expect(disk.includes(Buffer.from(marker.buffer))).toBe(false)
    expect(disk.includes(Buffer.from('m-secret'))).toBe(false)

    // Same key: the vectors are still there.
    const reopened = openStore(key)
    expect((await reopened.nearest(marker, { limit: 1 }))[0]!.messageId).toBe('m-secret')
  })

  it('a plain file is rebuilt encrypted once history is encrypted (and a wrong key starts over)', async () => {
    const plain = openStore()
    const marker = Float32Array.from([0.5, 0.25, 0.125])
    await plain.reset({ key: 'test m1', dimension: 3 })
    await plain.put([{ ...entry('m-a', 's1', [0, 0, 0]), vector: marker }])
    await plain.close()
    expect(bytesOnDisk().includes(Buffer.from(marker.buffer))).toBe(true)

    const key = randomBytes(32)
    const encrypted = openStore(key)
    expect(await encrypted.space()).toBeNull()
    await encrypted.close()
    expect(isEncryptedFile(file)).toBe(true)
    expect(bytesOnDisk().includes(Buffer.from(marker.buffer))).toBe(false)

    const otherKey = openStore(randomBytes(32))
    expect(await otherKey.space()).toBeNull()
  })
})
