import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../src/shared/domain'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { makeMessage } from './helpers/fixtures'
import { loadLikeSdk, readJson } from './jsonStoreHelpers'

const FIXTURES = path.join(import.meta.dirname, '../../fixtures/sdk-roundtrip')
const REVIEW = 'session_1764800000000_amroundtr'
const PLANS = 'session_1764800100000_amsecondx'

let root: string
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-roundtrip-'))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

function copy(which: 'before' | 'after', to = path.join(root, 'store')): string {
  fs.cpSync(path.join(FIXTURES, which), to, { recursive: true })
  return to
}

/** What ActiveMirror knew before the SDK wrote: every field of every message and session. */
async function known(): Promise<{ sessions: unknown[]; messages: Map<string, Message[]> }> {
  const s = await openJsonStorage(copy('before', path.join(root, 'known')))
  const sessions = (await s.listSessions({ archived: 'all' })).items
  const messages = new Map<string, Message[]>()
  for (const x of sessions) messages.set(x.id, (await s.listMessages(x.id)).items)
  await s.close()
  return { sessions, messages }
}

describe('JSON store: the original JS SDK writes between two ActiveMirror writes', () => {
  it('opening the folder after the SDK wrote restores every field ActiveMirror knew', async () => {
    const before = await known()
    const s = await openJsonStorage(copy('after'))
    expect(await s.problems()).toEqual([])

    const review = await s.getSession(REVIEW)
    expect(review).toMatchObject({ archived: true, metadata: { folder: 'work', pinned: true } })
    const messages = (await s.listMessages(REVIEW)).items
    // ActiveMirror's three messages exactly as it wrote them, then the SDK's.
    expect(messages.slice(0, 3)).toEqual(before.messages.get(REVIEW))
    expect(messages[0]!.content).toBe('What did I avoid today?\r\nBe honest.')
    expect(messages[1]).toMatchObject({ sensitive: true, content: '', metadata: { sealed: true } })
    expect(messages[3]).toMatchObject({
      role: 'user',
      content: 'Added by the SDK',
      metadata: { source: 'sdk' },
      pattern: null,
      sensitive: false,
    })
    expect(await s.getSession(PLANS)).toEqual(
      before.sessions.find((x) => (x as { id: string }).id === PLANS),
    )

    const active = (await s.listSessions()).items.map((x) => x.title)
    expect(active.sort()).toEqual(['Made by the SDK', 'Plans'])
    await s.close()
  })

  it('an ActiveMirror process that had the folder open keeps the SDK’s writes and its own', async () => {
    const dir = copy('before')
    const s = await openJsonStorage(dir)
    // The SDK writes while ActiveMirror runs.
    fs.cpSync(path.join(FIXTURES, 'after'), dir, { recursive: true })

    const mine = makeMessage(REVIEW, {
      id: 'msg_am_4',
      content: 'And after the SDK',
      pattern: 'analytical',
    })
    await s.appendMessage(mine)
    await s.updateSession(REVIEW, { title: 'Evening review, again', updatedAt: mine.createdAt })

    const sdkView = loadLikeSdk(dir)
    expect([...sdkView.sessions.keys()]).toHaveLength(3)
    const file = readJson(dir, `${REVIEW}.json`)
    expect((file.messages as { id: string }[]).map((m) => m.id)).toEqual([
      'msg_am_1',
      'msg_am_2',
      'msg_am_3',
      expect.stringMatching(/^msg_/),
      'msg_am_4',
    ])
    expect((file.messages as { content: string }[])[3]!.content).toBe('Added by the SDK')

    const reopened = await openJsonStorage(dir)
    const messages = (await reopened.listMessages(REVIEW)).items
    const before = await known()
    expect(messages.slice(0, 3)).toEqual(before.messages.get(REVIEW))
    // The SDK's message joined the chain; ours follows it.
    expect(messages[4]).toEqual({
      ...mine,
      parentId: messages[3]!.id,
      versionIndex: 1,
      versionCount: 1,
    })
    expect(await reopened.getSession(REVIEW)).toMatchObject({
      title: 'Evening review, again',
      archived: true,
      metadata: { folder: 'work', pinned: true },
      messageCount: 5,
    })
    await reopened.close()
    await s.close()
  })
})
