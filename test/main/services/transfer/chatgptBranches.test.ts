import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import type { Message } from '../../../../src/shared/domain'
import { diskBackends, fixture, snapshot, tempDirs } from './helpers'

const dir = tempDirs()

// test/fixtures/import/chatgpt/branching.json, written by hand from the format: a hidden system
// prompt; the first prompt (Lisbon) edited into a second (Porto); the Porto reply regenerated
// through a browsing tool call; the person went back to the first Porto reply and went on.
const SESSION = 'chatgpt-7d5e2f10-3a1b-4c2d-9e8f-000000000013'
const id = (node: string) => `${SESSION}-${node}`
const U1 = id('c2a84d17-5b2e-4f61-8e0c-3d9a6b2e0002')
const A1 = id('d3b95e28-6c3f-4a72-9f1d-4eab7c3f0003')
const U2 = id('e4ca6f39-7d40-4b83-a02e-5fbc8d400004')
const A2 = id('f5db7a4a-8e51-4c94-b13f-60cd9e510005')
const U1_EDITED = id('06ec8b5b-9f62-4da5-8240-71dea0620006')
const PORTO_1 = id('17fd9c6c-a073-4eb6-9351-82efb1730007')
const U3 = id('280ead7d-b184-4fc7-a462-93f0c2840008')
const A3 = id('391fbe8e-c295-4ad8-b573-a401d3950009')
const PORTO_2 = id('6c42e1b1-f5c8-4d0b-a8a6-d734a6c8000c')

const shape = (m: Message) => [m.id, m.parentId, m.versionIndex, m.versionCount]

describe.each(diskBackends(dir))('a branching ChatGPT export (%s backend)', (name, open) => {
  it('brings every branch as versions, with the export’s current node path current', async () => {
    const { storage, folder, reopen } = await open()
    const report = await new TransferService({ storage }).importFiles([
      fixture('chatgpt/branching.json'),
    ])
    expect(report.failed).toEqual([])
    expect(report.imported.map((r) => r.sessionId)).toEqual([SESSION])
    await storage.close()

    // Read back from disk: what was written, not what a cache kept.
    const store = await reopen()
    const session = await store.getSession(SESSION)
    expect(session).toMatchObject({
      title: 'Three days in Portugal',
      messageCount: 9,
      currentLeafId: A3,
      updatedAt: new Date(1717400424500).toISOString(),
    })

    // The current path: the edited prompt (2 of 2), the first Porto reply (1 of 2), and on.
    const path_ = (await store.listMessages(SESSION)).items
    expect(path_.map(shape)).toEqual([
      [U1_EDITED, null, 2, 2],
      [PORTO_1, U1_EDITED, 1, 2],
      [U3, PORTO_1, 1, 1],
      [A3, U3, 1, 1],
    ])
    expect(path_[3]!.content).toBe(
      'Stay in a hostel near Bolhão, walk everywhere, and take the regional train to the Douro ✦',
    )

    // Every version is there; the hidden system prompt, the tool call and its output are not.
    const tree = (await store.listTree(SESSION)).items
    expect(tree.map((m) => m.id).sort()).toEqual(
      [U1, A1, U2, A2, U1_EDITED, PORTO_1, U3, A3, PORTO_2].sort(),
    )
    const text = tree.map((m) => m.content).join('\n')
    for (const gone of ['search(', 'Porto in May: 14–22 °C, some rain.']) {
      expect(text).not.toContain(gone)
    }
    expect(tree.every((m) => m.role === 'user' || m.role === 'assistant')).toBe(true)

    // The prompts hang from the root although the hidden system prompt stood above them; the
    // regenerated reply hangs from the prompt although the tool call stood between them.
    expect((await store.listVersions(U1_EDITED)).map((m) => [m.id, m.parentId])).toEqual([
      [U1, null],
      [U1_EDITED, null],
    ])
    expect((await store.listVersions(PORTO_1)).map((m) => [m.id, m.parentId])).toEqual([
      [PORTO_1, U1_EDITED],
      [PORTO_2, U1_EDITED],
    ])

    // The first prompt's branch is whole: switching to it brings its conversation back.
    await store.switchToMessage(U1)
    expect((await store.listMessages(SESSION)).items.map((m) => m.id)).toEqual([U1, A1, U2, A2])

    if (name === 'json') {
      // The SDK's file holds the path now current, a normal conversation for the SDK.
      const file = JSON.parse(readFileSync(path.join(folder, `${SESSION}.json`), 'utf8')) as {
        messages: Array<{ id: string }>
      }
      expect(file.messages.map((m) => m.id)).toEqual([U1, A1, U2, A2])
    }

    // Same ids on every import: the second one is a duplicate and changes nothing.
    const before = await snapshot(store)
    const again = await new TransferService({ storage: store }).importFiles([
      fixture('chatgpt/branching.json'),
    ])
    expect(again.imported).toEqual([])
    expect(again.skipped.map((s) => s.sessionId)).toEqual([SESSION])
    expect(await snapshot(store)).toEqual(before)
    await store.close()
  })
})

describe('the current node of a ChatGPT export', () => {
  async function importWith(change: (conversation: Record<string, unknown>) => void) {
    const [conversation] = JSON.parse(fixture('chatgpt/branching.json').content) as Array<
      Record<string, unknown>
    >
    change(conversation!)
    const storage = new MemoryStorage()
    const report = await new TransferService({ storage }).importFiles([
      { name: 'conversations.json', content: JSON.stringify([conversation]) },
    ])
    expect(report.failed).toEqual([])
    return storage
  }

  it('a current node that is left out (a tool call): the path runs through the message above it', async () => {
    const storage = await importWith((c) => {
      c.current_node = '4a20cf9f-d3a6-4be9-8684-b512e4a6000a'
    })
    // The storage continues a path below a message that has replies (docs/storage.md).
    const ids = (await storage.listMessages(SESSION)).items.map((m) => m.id)
    expect(ids[0]).toBe(U1_EDITED)
    expect(ids).not.toContain(U1)
    expect((await storage.getSession(SESSION)).messageCount).toBe(9)
  })

  it('without a current node, the newest branch (last child at each step) is current', async () => {
    const storage = await importWith((c) => {
      delete c.current_node
    })
    expect((await storage.listMessages(SESSION)).items.map((m) => m.id)).toEqual([
      U1_EDITED,
      PORTO_2,
    ])
  })

  it.each([
    [
      'a parent missing from the mapping',
      { d3b95e28: 'gone' },
      /message gone is referenced but missing/,
    ],
    ['a cycle', { e4ca6f39: 'f5db7a4a' }, /the message tree has a cycle/],
  ])('%s on a branch that is not shown fails that conversation', async (_what, parents, reason) => {
    const [conversation] = JSON.parse(fixture('chatgpt/branching.json').content) as Array<{
      mapping: Record<string, { parent: string | null }>
    }>
    const nodeId = (prefix: string) =>
      Object.keys(conversation!.mapping).find((k) => k.startsWith(prefix))
    for (const [child, parent] of Object.entries(parents)) {
      conversation!.mapping[nodeId(child)!]!.parent = nodeId(parent) ?? parent
    }
    const storage = new MemoryStorage()
    const report = await new TransferService({ storage }).importFiles([
      { name: 'conversations.json', content: JSON.stringify([conversation]) },
    ])
    expect(report.imported).toEqual([])
    expect(report.failed[0]!.reason).toMatch(reason)
    expect(await storage.hasSession(SESSION)).toBe(false)
  })
})
