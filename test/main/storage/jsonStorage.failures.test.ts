import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { nodeStoreFs } from '../../../src/main/fs/storeFs'
import type { StoreFs } from '../../../src/main/fs/storeFs'
import { at, expectMirrorError, makeMessage, makeSession } from './helpers/fixtures'
import { loadLikeSdk, readJson, snapshotDir, tempFilesIn, tempStore } from './jsonStoreHelpers'

const S1 = 'session_1731578400000_ab12cd34e'
const S2 = 'session_1731664800000_k9m2p4q7r'
const S3 = 'session_1731751200000_z8x7w6v5u'

let cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups) c()
  cleanups = []
})
function store(withFixture = true): string {
  const t = tempStore(withFixture)
  cleanups.push(t.cleanup)
  return t.dir
}

const ioError = (code: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`simulated ${code}`), { code })

/** Real file operations, with the chosen one failing while `failing` is set. */
function faultyFs(
  op: 'rename' | 'writeNewFileSynced',
  shouldFail: (path: string) => boolean = () => true,
): { fs: StoreFs; failing: { on: boolean } } {
  const failing = { on: false }
  const fs: StoreFs = {
    ...nodeStoreFs,
    async rename(from, to) {
      if (op === 'rename' && failing.on && shouldFail(to)) throw ioError('EIO')
      return nodeStoreFs.rename(from, to)
    },
    async writeNewFileSynced(path, data) {
      if (op === 'writeNewFileSynced' && failing.on && shouldFail(path)) {
        // Dies halfway through, as a full disk or a crash would.
        writeFileSync(path, data.slice(0, Math.floor(data.length / 2)), { flag: 'wx' })
        throw ioError('ENOSPC')
      }
      return nodeStoreFs.writeNewFileSynced(path, data)
    },
  }
  return { fs, failing }
}

describe('JSON store: atomic writes', () => {
  for (const op of ['rename', 'writeNewFileSynced'] as const) {
    it(`a failing ${op} leaves the old file, no temp file and an unchanged store`, async () => {
      const dir = store()
      // The store's lock file is written with the same call; this test is about the data files.
      const { fs, failing } = faultyFs(op, (path) => !path.endsWith('.lock'))
      const s = await openJsonStorage(dir, { fs })
      const before = snapshotDir(dir)
      const session = await s.getSession(S1)
      const messages = await s.listMessages(S1)

      failing.on = true
      const m = makeMessage(S1, { content: 'never stored', createdAt: at(9_999_999) })
      const error = await expectMirrorError(s.appendMessage(m), 'STORAGE_UNAVAILABLE')
      expect(error.message).toContain(`${S1}.json`)
      await expectMirrorError(
        s.updateSession(S2, { title: 'x', updatedAt: at(1) }),
        'STORAGE_UNAVAILABLE',
      )
      await expectMirrorError(s.createSession(makeSession()), 'STORAGE_UNAVAILABLE')
      await expectMirrorError(s.deleteSession(S3), 'STORAGE_UNAVAILABLE')

      expect(snapshotDir(dir)).toEqual(before)
      expect(tempFilesIn(dir)).toEqual([])
      expect(await s.getSession(S1)).toEqual(session)
      expect(await s.listMessages(S1)).toEqual(messages)
      await expectMirrorError(s.getMessage(m.id), 'NOT_FOUND')
      expect(await s.hasSession(S3)).toBe(true)

      failing.on = false
      await s.appendMessage(m)
      expect((await s.getSession(S1)).messageCount).toBe(session.messageCount + 1)
      loadLikeSdk(dir)
    })
  }

  it('a create whose index write fails leaves no session file behind, and can be retried', async () => {
    const dir = store()
    const { fs, failing } = faultyFs('rename', (to) => to.endsWith('index.json'))
    const s = await openJsonStorage(dir, { fs })
    const before = snapshotDir(dir)
    const session = makeSession()
    failing.on = true
    await expectMirrorError(s.createSession(session), 'STORAGE_UNAVAILABLE')
    expect(snapshotDir(dir)).toEqual(before)
    expect(await s.hasSession(session.id)).toBe(false)
    failing.on = false
    await s.createSession(session)
    expect(loadLikeSdk(dir).index.sessions).toContain(session.id)
  })
})

describe('JSON store: corrupt session files', () => {
  function corruptStore(): { dir: string; notJson: string; wrongShape: string } {
    const dir = store()
    writeFileSync(
      join(dir, `${S2}.json`),
      '{"id": "session_1731664800000_k9m2p4q7r", "messages": [',
    )
    const shaped = readJson(dir, `${S3}.json`)
    writeFileSync(join(dir, `${S3}.json`), JSON.stringify({ ...shaped, messages: 'none' }))
    return { dir, notJson: `${S2}.json`, wrongShape: `${S3}.json` }
  }

  it('reports each by name, skips it, and refuses to read or write it', async () => {
    const { dir, notJson, wrongShape } = corruptStore()
    const s = await openJsonStorage(dir)
    const problems = await s.problems()
    expect(problems.map((p) => p.location)).toEqual([notJson, wrongShape])
    expect(problems[0]!.reason).toMatch(/JSON/)
    expect(problems[1]!.reason).toMatch(/messages/)

    expect((await s.listSessions({ archived: 'all' })).items.map((x) => x.id)).toEqual([S1])
    expect(await s.search('lighthouse')).toEqual([])
    expect(await s.hasSession(S2)).toBe(true)

    for (const [id, file] of [
      [S2, notJson],
      [S3, wrongShape],
    ] as const) {
      const error = await expectMirrorError(s.getSession(id), 'STORAGE_CORRUPT')
      expect(error.message).toContain(file)
      await expectMirrorError(s.listMessages(id), 'STORAGE_CORRUPT')
      await expectMirrorError(s.appendMessage(makeMessage(id)), 'STORAGE_CORRUPT')
      await expectMirrorError(
        s.updateSession(id, { title: 'x', updatedAt: at(1) }),
        'STORAGE_CORRUPT',
      )
      await expectMirrorError(s.deleteSession(id), 'STORAGE_CORRUPT')
      await expectMirrorError(s.createSession(makeSession({ id })), 'STORAGE_CORRUPT')
      await expectMirrorError(s.importSession(makeSession({ id }), []), 'STORAGE_CORRUPT')
    }
  })

  it('never overwrites or drops them while the rest of the store is written', async () => {
    const { dir, notJson, wrongShape } = corruptStore()
    const bytes = {
      notJson: readFileSync(join(dir, notJson)),
      wrongShape: readFileSync(join(dir, wrongShape)),
    }
    const s = await openJsonStorage(dir)
    await s.appendMessage(makeMessage(S1, { createdAt: at(9_999_999) }))
    const fresh = makeSession()
    await s.createSession(fresh)
    await s.deleteSession(fresh.id)
    await s.createSession(makeSession())

    expect(readFileSync(join(dir, notJson))).toEqual(bytes.notJson)
    expect(readFileSync(join(dir, wrongShape))).toEqual(bytes.wrongShape)
    const sessions = readJson(dir, 'index.json').sessions as string[]
    expect(sessions.slice(0, 3)).toEqual([S1, S2, S3])
    expect(sessions).toHaveLength(4)
  })

  it('reports a listed session whose file is missing and keeps it in the index', async () => {
    const dir = store()
    const index = readJson(dir, 'index.json')
    const ghost = 'session_1700000000000_ghost0001'
    const ids = [...(index.sessions as string[]), ghost]
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ ...index, sessions: ids }))
    const s = await openJsonStorage(dir)
    expect(await s.problems()).toEqual([{ location: `${ghost}.json`, reason: expect.any(String) }])
    await expectMirrorError(s.getSession(ghost), 'STORAGE_CORRUPT')
    await s.createSession(makeSession())
    expect(readJson(dir, 'index.json').sessions).toContain(ghost)
  })
})

describe('JSON store: corrupt index.json', () => {
  it('refuses every operation, naming index.json, and writes nothing', async () => {
    const dir = store()
    writeFileSync(join(dir, 'index.json'), '{"sessions": "not a list"}')
    const before = snapshotDir(dir)
    const s = await openJsonStorage(dir)
    expect((await s.problems()).map((p) => p.location)).toEqual(['index.json'])

    const attempts: Array<Promise<unknown>> = [
      s.listSessions(),
      s.getSession(S1),
      s.hasSession(S1),
      s.search('lighthouse'),
      s.listMessages(S1),
      s.getMessage('msg_1731751500000_n0t3q8k2w'),
      s.createSession(makeSession()),
      s.importSession(makeSession(), []),
      s.appendMessage(makeMessage(S1)),
      s.updateSession(S1, { title: 'x', updatedAt: at(1) }),
      s.deleteSession(S1),
    ]
    for (const attempt of attempts) {
      const error = await expectMirrorError(attempt, 'STORAGE_CORRUPT')
      expect(error.message).toContain('index.json')
    }
    expect(snapshotDir(dir)).toEqual(before)
  })

  it('an index broken by another program after open stops writes before they start', async () => {
    const dir = store()
    const s = await openJsonStorage(dir)
    writeFileSync(join(dir, 'index.json'), '{ truncated')
    const before = snapshotDir(dir)
    await expectMirrorError(s.createSession(makeSession()), 'STORAGE_CORRUPT')
    await expectMirrorError(s.deleteSession(S1), 'STORAGE_CORRUPT')
    await expectMirrorError(s.appendMessage(makeMessage(S1)), 'STORAGE_CORRUPT')
    expect(snapshotDir(dir)).toEqual(before)
    expect(readdirSync(dir).sort()).toEqual(Object.keys(before))
    expect((await s.problems())[0]?.location).toBe('index.json')
  })
})
