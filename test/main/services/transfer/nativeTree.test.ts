import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { openJsonStorage } from '../../../../src/main/storage/json/jsonStorage'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../../src/main/storage/storage'
import { at, makeMessage, makeRichMessage, makeSession } from '../../storage/helpers/fixtures'
import { FIXTURES, snapshot, tempDirs } from './helpers'

const dir = tempDirs()

const STORES: Array<[string, () => Promise<Storage>]> = [
  ['sqlite', () => openSqliteStorage(path.join(dir(), 'mirror.db'))],
  ['json', () => openJsonStorage(dir())],
  ['memory', async () => new MemoryStorage()],
]

/**
 * A session with versions on both sides of its path:
 *   u1 (1/2) ─ a1 (1/2) ─ u2 ─ a3            u1b (2/2) ─ a4
 *            └ a2 (2/2) ─ u3 ─ a5   ← current
 * The path runs through the first prompt but the second reply, so an older version (a1) and a
 * newer one (u1b) are both off it.
 */
async function branched(storage: Storage) {
  const session = makeSession({ title: 'Two ways to plant a hedge', metadata: { tag: 'garden' } })
  await storage.createSession(session)
  const s = session.id
  const m = {
    u1: makeMessage(s, { content: 'Beech or hornbeam?', createdAt: at(1), parentId: null }),
    u1b: makeMessage(s, { content: 'Beech or yew?', createdAt: at(2), parentId: null }),
    a4: makeMessage(s, { role: 'assistant', content: 'Yew, slowly.', createdAt: at(3) }),
    a1: makeRichMessage(s, { createdAt: at(4) }),
    u2: makeMessage(s, { content: 'Why hornbeam?', createdAt: at(5) }),
    a3: makeMessage(s, { role: 'assistant', content: 'Wet clay.', createdAt: at(6) }),
    a2: makeMessage(s, { role: 'assistant', content: 'Hornbeam ✦', createdAt: at(7) }),
    u3: makeMessage(s, { content: 'How far apart?', createdAt: at(8) }),
    a5: makeMessage(s, { role: 'assistant', content: 'Five a metre.', createdAt: at(9) }),
  }
  await storage.appendMessage(m.u1)
  await storage.appendMessage(m.u1b)
  await storage.appendMessage(m.a4)
  await storage.appendMessage({ ...m.a1, parentId: m.u1.id })
  await storage.appendMessage(m.u2)
  await storage.appendMessage(m.a3)
  await storage.appendMessage({ ...m.a2, parentId: m.u1.id })
  await storage.appendMessage(m.u3)
  await storage.appendMessage(m.a5)
  return { session: await storage.getSession(s), m }
}

async function tree(storage: Storage, sessionId: string) {
  const items = (await storage.listTree(sessionId)).items
  const versions = await Promise.all(
    items.map(async (x) => (await storage.listVersions(x.id)).map((v) => v.id)),
  )
  return {
    // Storage order of unrelated branches is the backend's; what must match is each message
    // (with its parent) and the order of the versions at each position.
    messages: [...items].sort((a, b) => a.id.localeCompare(b.id)),
    versions: Object.fromEntries(items.map((x, i) => [x.id, versions[i]])),
  }
}

type NativeFile = {
  version: number
  messageCount: number
  currentLeafId: string
  messages: Array<{ id: string; parentId: string | null; versionIndex: number }>
  otherVersions: Array<{ id: string; parentId: string | null; versionIndex: number }>
}

describe.each(STORES)(
  'native JSON round trip of a message tree (%s to a fresh one)',
  (_name, open) => {
    it('export → import into a fresh store gives back every version and the current path', async () => {
      const source = await open()
      const { session, m } = await branched(source)
      expect(session.currentLeafId).toBe(m.a5.id)
      const file = await new TransferService({ storage: source }).exportSession(session.id, 'json')

      // The SDK reads `messages`: the current path. The other versions travel beside it.
      const json = JSON.parse(file.content) as NativeFile
      expect(json.version).toBe(2)
      expect(json.currentLeafId).toBe(m.a5.id)
      expect(json.messageCount).toBe(4)
      expect(json.messages.map((x) => [x.id, x.parentId, x.versionIndex])).toEqual([
        [m.u1.id, null, 1],
        [m.a2.id, m.u1.id, 2],
        [m.u3.id, m.a2.id, 1],
        [m.a5.id, m.u3.id, 1],
      ])
      expect(json.otherVersions.map((x) => [x.id, x.parentId, x.versionIndex])).toEqual([
        [m.u1b.id, null, 2],
        [m.a4.id, m.u1b.id, 1],
        [m.a1.id, m.u1.id, 1],
        [m.u2.id, m.a1.id, 1],
        [m.a3.id, m.u2.id, 1],
      ])

      const target = await open()
      const report = await new TransferService({ storage: target }).importFiles([
        { name: file.fileName, content: file.content },
      ])
      expect(report.failed).toEqual([])
      expect(await target.getSession(session.id)).toEqual(session)
      expect(await tree(target, session.id)).toEqual(await tree(source, session.id))
      expect(await target.listMessages(session.id)).toEqual(await source.listMessages(session.id))
      await target.close()
      await source.close()
    })

    it('the zip of every session keeps each tree and current path', async () => {
      const source = await open()
      const { session } = await branched(source)
      const zip = path.join(dir(), 'all.zip')
      expect(await new TransferService({ storage: source }).writeAllZip(zip)).toBe(1)
      const target = await open()
      const report = await new TransferService({ storage: target }).importPaths([zip])
      expect(report.failed).toEqual([])
      expect(report.imported.map((r) => r.sessionId)).toEqual([session.id])
      expect((await target.getSession(session.id)).currentLeafId).toBe(session.currentLeafId)
      expect(await tree(target, session.id)).toEqual(await tree(source, session.id))
      await target.close()
      await source.close()
    })

    it('a tree whose message ids are taken imports with fresh ids, its shape intact', async () => {
      const source = new MemoryStorage()
      const { session } = await branched(source)
      const file = await new TransferService({ storage: source }).exportSession(session.id, 'json')
      const target = await open()
      const transfer = new TransferService({ storage: target })
      await transfer.importFiles([{ name: 'a.json', content: file.content }])
      const copy = { ...(JSON.parse(file.content) as object), id: 'copy-of-the-hedge' }
      const report = await transfer.importFiles([{ name: 'b.json', content: JSON.stringify(copy) }])
      expect(report.failed).toEqual([])

      // Same contents, parents and versions, under the fresh ids.
      const shape = async (sessionId: string) => {
        const { messages, versions } = await tree(target, sessionId)
        const byId = new Map(messages.map((x) => [x.id, x]))
        const text = (id: string | null | undefined) => (id ? byId.get(id)!.content : null)
        return {
          messages: messages.map((x) => [x.content, text(x.parentId)]).sort(),
          versions: messages.map((x) => versions[x.id]!.map(text)).sort(),
          path: (await target.listMessages(sessionId)).items.map((x) => x.content),
        }
      }
      const copied = await shape('copy-of-the-hedge')
      expect(copied).toEqual(await shape(session.id))
      const copiedIds = (await target.listTree('copy-of-the-hedge')).items.map((x) => x.id)
      const originalIds = (await target.listTree(session.id)).items.map((x) => x.id)
      expect(copiedIds.filter((id) => originalIds.includes(id))).toEqual([])
      await target.close()
    })
  },
)

describe('native JSON files', () => {
  function importInto(storage: Storage, content: string) {
    return new TransferService({ storage }).importFiles([{ name: 'session.json', content }])
  }

  it('a version 1 file (no parentIds) still imports, as a chain', async () => {
    const storage = await openSqliteStorage(path.join(dir(), 'mirror.db'))
    const content = readFileSync(path.join(FIXTURES, 'native-session.json'), 'utf8')
    expect((JSON.parse(content) as { version: number }).version).toBe(1)
    const report = await importInto(storage, content)
    expect(report.failed).toEqual([])
    const id = 'session_1731578400000_nat1ve001'
    const [first, second] = (await storage.listMessages(id)).items
    expect([first, second].map((x) => [x!.parentId, x!.versionIndex, x!.versionCount])).toEqual([
      [null, 1, 1],
      [first!.id, 1, 1],
    ])
    expect(await storage.getSession(id)).toMatchObject({
      currentLeafId: second!.id,
      messageCount: 2,
    })
    await storage.close()
  })

  it.each([
    [
      'a version whose parent is not in the file',
      (f: NativeFile) => (f.otherVersions[0]!.parentId = 'msg_nowhere'),
      /follows msg_nowhere, which is not in the file/,
    ],
    [
      'a current leaf that is not in the file',
      (f: NativeFile) => (f.currentLeafId = 'msg_nowhere'),
      /currentLeafId msg_nowhere is not a message of the file/,
    ],
    [
      'versions whose parents form a cycle',
      (f: NativeFile) => {
        f.otherVersions[0]!.parentId = f.otherVersions[1]!.id
      },
      /form a cycle/,
    ],
    [
      'a version without a parentId',
      (f: NativeFile) => delete (f.otherVersions[0] as { parentId?: unknown }).parentId,
      /otherVersions\.0\.parentId/,
    ],
  ])('%s is IMPORT_INVALID and stores nothing', async (_what, damage, reason) => {
    const source = new MemoryStorage()
    const { session } = await branched(source)
    const file = await new TransferService({ storage: source }).exportSession(session.id, 'json')
    const json = JSON.parse(file.content) as NativeFile
    damage(json)
    const target = new MemoryStorage()
    const report = await importInto(target, JSON.stringify(json))
    expect(report.imported).toEqual([])
    expect(report.failed).toEqual([
      { file: 'session.json', code: 'IMPORT_INVALID', reason: expect.stringMatching(reason) },
    ])
    expect(await snapshot(target)).toEqual([])
  })
})

describe('Markdown export of a session with versions', () => {
  it('writes the current path and says that other versions are left out', async () => {
    const storage = new MemoryStorage()
    const { session, m } = await branched(storage)
    const transfer = new TransferService({ storage })
    const file = await transfer.exportSession(session.id, 'markdown')
    expect(file.content).toContain(
      '- **Other versions**: this file holds the current path only; 5 messages in other versions',
    )
    expect(file.content).toContain(m.a2.content)
    for (const other of [m.u1b, m.a4, m.a1, m.u2, m.a3]) {
      expect(file.content).not.toContain(other.content)
    }
    // It imports back as that path, a chain.
    const target = new MemoryStorage()
    await new TransferService({ storage: target }).importFiles([
      { name: 'hedge.md', content: file.content },
    ])
    const path_ = (await target.listMessages(session.id)).items.map((x) => x.id)
    expect(path_).toEqual([m.u1.id, m.a2.id, m.u3.id, m.a5.id])
  })

  it('says nothing about versions when the session has none', async () => {
    const storage = new MemoryStorage()
    const session = makeSession()
    await storage.createSession(session)
    await storage.appendMessage(makeMessage(session.id))
    const file = await new TransferService({ storage }).exportSession(session.id, 'markdown')
    expect(file.content).not.toContain('Other versions')
  })
})
