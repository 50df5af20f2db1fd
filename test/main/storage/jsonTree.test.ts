import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import type { JsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { nodeStoreFs } from '../../../src/main/fs/storeFs'
import type { StoreFs } from '../../../src/main/fs/storeFs'
import { appendChain, pathIds } from '../../../src/testing/conformance/conformanceTree'
import { at, expectMirrorError, makeSession } from './helpers/fixtures'
import { loadLikeSdk, readJson, tempStore } from './jsonStoreHelpers'
import type { JsonObject } from './jsonStoreHelpers'

const S1 = 'session_1731578400000_ab12cd34e'

let cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.reverse()) await c()
  cleanups = []
})

async function open(dir: string, fs?: StoreFs): Promise<JsonStorage> {
  const s = await openJsonStorage(dir, fs ? { fs } : {})
  cleanups.push(() => s.close())
  return s
}

function store(withFixture = false): string {
  const t = tempStore(withFixture)
  cleanups.push(t.cleanup)
  return t.dir
}

const fileIds = (dir: string, id: string): string[] =>
  (readJson(dir, `${id}.json`).messages as JsonObject[]).map((m) => m.id as string)
const sidecar = (dir: string, id: string): JsonObject =>
  readJson(join(dir, '.activemirror', 'sessions'), `${id}.json`)

/** A session q → (a1 → q2 → a2 | b1 → bq2), current path through b1. */
async function branched(s: JsonStorage) {
  const session = makeSession({ title: 'Branched' })
  await s.createSession(session)
  const [q, a1, q2, a2] = await appendChain(s, session.id, ['q', 'a1', 'q2', 'a2'])
  const [b1, bq2] = await appendChain(s, session.id, ['b1', 'bq2'], q, 10)
  return { id: session.id, q: q!, a1: a1!, q2: q2!, a2: a2!, b1: b1!, bq2: bq2! }
}

describe('JSON store: message versions', () => {
  it('the session file holds the current path, the sidecar the other versions', async () => {
    const dir = store()
    const s = await open(dir)
    const t = await branched(s)
    expect(fileIds(dir, t.id)).toEqual([t.q, t.b1, t.bq2])
    expect(readJson(dir, `${t.id}.json`).messageCount).toBe(3)
    // The SDK loads it as a plain conversation.
    expect(loadLikeSdk(dir).sessions.get(t.id)?.messages).toHaveLength(3)
    const tree = sidecar(dir, t.id).tree as JsonObject
    expect((tree.messages as JsonObject[]).map((m) => [m.id, m.parentId, m.content])).toEqual([
      [t.a1, t.q, 'a1'],
      [t.q2, t.a1, 'q2'],
      [t.a2, t.q2, 'a2'],
    ])
    expect(tree.versions).toEqual({ [t.q]: [t.a1, t.b1] })

    await s.switchToMessage(t.a1)
    expect(fileIds(dir, t.id)).toEqual([t.q, t.a1, t.q2, t.a2])
    const after = sidecar(dir, t.id).tree as JsonObject
    expect((after.messages as JsonObject[]).map((m) => m.id)).toEqual([t.b1, t.bq2])
    // A session back to one chain (and nothing else to keep) has no sidecar at all.
    await s.deleteMessage(t.b1)
    expect(existsSync(join(dir, '.activemirror', 'sessions', `${t.id}.json`))).toBe(false)
    expect(fileIds(dir, t.id)).toEqual([t.q, t.a1, t.q2, t.a2])
  })

  it('a folder without versions reads as one chain per session', async () => {
    const dir = store(true)
    const s = await open(dir)
    const listed = (await s.listMessages(S1)).items
    expect(listed.length).toBeGreaterThan(1)
    expect(listed.map((m) => m.parentId)).toEqual([null, ...listed.slice(0, -1).map((m) => m.id)])
    expect((await s.getSession(S1)).currentLeafId).toBe(listed.at(-1)!.id)
  })

  it('keeps the versions when the SDK appends to the path and rewrites the file', async () => {
    const dir = store()
    const s = await open(dir)
    const t = await branched(s)
    // The SDK rewrites the file with only its own fields, its new message at the end.
    const file = readJson(dir, `${t.id}.json`)
    const messages = (file.messages as JsonObject[]).map((m) => ({
      id: m.id,
      sessionId: m.sessionId,
      role: m.role,
      content: m.content,
      timestamp: m.timestamp,
      metadata: m.metadata ?? {},
    }))
    messages.push({
      id: 'sdk-msg',
      sessionId: t.id,
      role: 'user',
      content: 'from the SDK',
      timestamp: at(50),
      metadata: {},
    })
    const { id, title, userId, createdAt } = file
    const rewritten = { id, title, userId, createdAt, updatedAt: at(50), messages }
    writeFileSync(join(dir, `${t.id}.json`), JSON.stringify({ ...rewritten, messageCount: 6 }))

    const fresh = await open(dir)
    expect(await pathIds(fresh, t.id)).toEqual([t.q, t.b1, t.bq2, 'sdk-msg'])
    expect((await fresh.getMessage('sdk-msg')).parentId).toBe(t.bq2)
    expect((await fresh.listVersions(t.b1)).map((m) => m.id)).toEqual([t.a1, t.b1])
    expect(await fresh.getSession(t.id)).toMatchObject({
      messageCount: 7,
      currentLeafId: 'sdk-msg',
    })
    // The other instance sees it too, without reopening.
    expect(await pathIds(s, t.id)).toEqual([t.q, t.b1, t.bq2, 'sdk-msg'])
    await fresh.switchToMessage(t.a2)
    expect(await pathIds(fresh, t.id)).toEqual([t.q, t.a1, t.q2, t.a2])
    await fresh.switchToMessage(t.b1)
    expect(await pathIds(fresh, t.id)).toEqual([t.q, t.b1, t.bq2, 'sdk-msg'])
  })

  it('a switch whose session file cannot be written loses no version', async () => {
    const dir = store()
    const failing = { on: false }
    const fs: StoreFs = {
      ...nodeStoreFs,
      async rename(from, to) {
        if (failing.on && to.endsWith(`${S_ID.id}.json`) && !to.includes('.activemirror')) {
          throw Object.assign(new Error('simulated EIO'), { code: 'EIO' })
        }
        return nodeStoreFs.rename(from, to)
      },
    }
    const S_ID = { id: '' }
    const s = await open(dir, fs)
    const t = await branched(s)
    S_ID.id = t.id
    failing.on = true
    await expectMirrorError(s.switchToMessage(t.a2), 'STORAGE_UNAVAILABLE')
    failing.on = false
    // On disk: the old path, and every version still somewhere (the sidecar went first).
    const fresh = await open(dir)
    expect(await pathIds(fresh, t.id)).toEqual([t.q, t.b1, t.bq2])
    const all = (await fresh.listTree(t.id)).items.map((m) => m.id)
    expect(all.sort()).toEqual([t.q, t.a1, t.q2, t.a2, t.b1, t.bq2].sort())
    expect(await fresh.problems()).toEqual([])
    // And the switch works once the disk does.
    await fresh.switchToMessage(t.a2)
    expect(fileIds(dir, t.id)).toEqual([t.q, t.a1, t.q2, t.a2])
  })

  it('a damaged version in the sidecar is reported and kept, the rest opens', async () => {
    const dir = store()
    const s = await open(dir)
    const t = await branched(s)
    const side = sidecar(dir, t.id)
    const tree = side.tree as JsonObject
    const broken = {
      id: 'lost-1',
      parentId: 'nowhere',
      role: 'user',
      content: 'x',
      timestamp: at(1),
    }
    tree.messages = [...(tree.messages as unknown[]), broken]
    writeFileSync(join(dir, '.activemirror', 'sessions', `${t.id}.json`), JSON.stringify(side))
    // Touch the session file so the cache reads the pair again.
    writeFileSync(join(dir, `${t.id}.json`), JSON.stringify(readJson(dir, `${t.id}.json`), null, 1))
    const fresh = await open(dir)
    expect(await pathIds(fresh, t.id)).toEqual([t.q, t.b1, t.bq2])
    expect((await fresh.problems()).map((p) => p.reason).join('\n')).toMatch(/lost-1/)
    await fresh.switchToMessage(t.a1)
    const kept = (sidecar(dir, t.id).tree as JsonObject).messages as JsonObject[]
    expect(kept.map((m) => m.id)).toContain('lost-1')
  })
})
