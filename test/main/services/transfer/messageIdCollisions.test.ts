import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { openJsonStorage } from '../../../../src/main/storage/json/jsonStorage'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../../src/main/storage/storage'
import type { Message } from '../../../../src/shared/domain'
import { at, makeMessage, makeSession } from '../../storage/helpers/fixtures'
import { FIXTURES, snapshot, tempDir } from './helpers'

const dirs: string[] = []
function dir(): string {
  const d = tempDir()
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

// Written by the ActiveMirrorOS JS SDK: two sessions whose messages are both msg_0 … msg_5.
const STORE = path.join(FIXTURES, 'js-sdk-store-shared-ids')
const FIRST = 'session_1796407698055_fp0mo8oba'
const SECOND = 'session_1796407698063_kf4qh3hrk'
const IDS = ['msg_0', 'msg_1', 'msg_2', 'msg_3', 'msg_4', 'msg_5']

function sdkMessages(sessionId: string): Array<{ id: string; role: string; content: string }> {
  const file = JSON.parse(readFileSync(path.join(STORE, `${sessionId}.json`), 'utf8')) as {
    messages: Array<{ id: string; role: string; content: string }>
  }
  return file.messages
}

const BACKENDS: Array<[string, () => Promise<{ storage: Storage; reopen(): Promise<Storage> }>]> = [
  [
    'memory',
    async () => {
      const storage = new MemoryStorage()
      return { storage, reopen: async () => storage }
    },
  ],
  [
    'sqlite',
    async () => {
      const file = path.join(dir(), 'mirror.db')
      return { storage: await openSqliteStorage(file), reopen: () => openSqliteStorage(file) }
    },
  ],
  [
    'json',
    async () => {
      const folder = dir()
      return { storage: await openJsonStorage(folder), reopen: () => openJsonStorage(folder) }
    },
  ],
]

describe.each(BACKENDS)('message ids already stored (%s backend)', (_name, open) => {
  it('two SDK sessions sharing msg_0… both import whole; importing again skips them', async () => {
    const { storage, reopen } = await open()
    const transfer = new TransferService({ storage })
    const report = await transfer.importPaths([STORE])
    expect(report.failed).toEqual([])
    expect(report.imported.map((r) => r.sessionId)).toEqual([FIRST, SECOND])

    const first = (await storage.listMessages(FIRST)).items
    expect(first.map((m) => m.id)).toEqual(IDS)
    const second = (await storage.listMessages(SECOND)).items
    expect(second.map((m) => [m.role, m.content])).toEqual(
      sdkMessages(SECOND).map((m) => [m.role, m.content]),
    )
    // Fresh ids for the taken ones, each remembering the id it had in the file.
    expect(second.map((m) => m.metadata.importedId)).toEqual(IDS)
    const secondIds = second.map((m) => m.id)
    expect(new Set([...secondIds, ...IDS]).size).toBe(12)
    expect(first.map((m) => m.metadata.importedId)).toEqual(IDS.map(() => undefined))

    const before = await snapshot(storage)
    const again = await transfer.importPaths([STORE])
    expect(again.imported).toEqual([])
    expect(again.failed).toEqual([])
    expect(again.skipped.map((s) => s.sessionId)).toEqual([FIRST, SECOND])
    expect(await snapshot(storage)).toEqual(before)

    await storage.close()
    const reopened = await reopen()
    expect(await snapshot(reopened)).toEqual(before)
    await reopened.close()
  })
})

describe('fresh ids for taken message ids', () => {
  it('skip ids the file itself uses and carry the session’s own references along', async () => {
    const storage = new MemoryStorage()
    const stored = makeSession()
    await storage.importSession(stored, [
      makeMessage(stored.id, { id: 'm1', createdAt: at(1) }),
      makeMessage(stored.id, { id: 'm2', createdAt: at(2) }),
    ])
    // The generator first offers ids that are taken (stored, or used by the file itself).
    const offers = ['m2', 'm3', 'new-a', 'new-b']
    const transfer = new TransferService({
      storage,
      ids: { messageId: () => offers.shift()!, folderId: () => 'folder_unused' },
    })
    const incoming = makeSession()
    const messages: Message[] = [
      makeMessage(incoming.id, { id: 'm1', createdAt: at(3) }),
      makeMessage(incoming.id, {
        id: 'm3',
        role: 'assistant',
        createdAt: at(4),
        metadata: {
          context: {
            tokens: { used: 5, window: 100 },
            messageIds: ['m1', 'elsewhere'],
            truncated: false,
          },
        },
      }),
    ]
    const file = {
      format: 'activemirror.session',
      version: 1,
      ...incoming,
      messages: messages.map(({ sessionId: _s, ...m }) => m),
    }
    const report = await transfer.importFiles([{ name: 'x.json', content: JSON.stringify(file) }])
    expect(report.failed).toEqual([])
    const items = (await storage.listMessages(incoming.id)).items
    expect(items.map((m) => m.id)).toEqual(['new-a', 'm3'])
    expect(items[0]!.metadata.importedId).toBe('m1')
    expect(items[1]!.metadata.context?.messageIds).toEqual(['new-a', 'elsewhere'])
    expect((await storage.listMessages(stored.id)).items.map((m) => m.id)).toEqual(['m1', 'm2'])
  })
})
