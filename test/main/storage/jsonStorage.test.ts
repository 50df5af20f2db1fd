import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import {
  at,
  expectMirrorError,
  makeMessage,
  makeRichMessage,
  makeSession,
} from './helpers/fixtures'
import { FIXTURE_DIR, loadLikeSdk, readJson, tempFilesIn, tempStore } from './jsonStoreHelpers'
import type { JsonObject } from './jsonStoreHelpers'

const S1 = 'session_1731578400000_ab12cd34e'
const S2 = 'session_1731664800000_k9m2p4q7r'
const S3 = 'session_1731751200000_z8x7w6v5u'

const fixture = (id: string): JsonObject => readJson(FIXTURE_DIR, `${id}.json`)
const fixtureMessages = (id: string): JsonObject[] => fixture(id).messages as JsonObject[]

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

describe('JSON store: a folder written by the ActiveMirrorOS JS SDK', () => {
  it('opens with its sessions, titles, timestamps and messages', async () => {
    const s = await openJsonStorage(store())
    expect(await s.problems()).toEqual([])

    const listed = (await s.listSessions({ archived: 'all' })).items
    expect(listed.map((x) => x.id)).toEqual([S3, S2, S1])
    for (const session of listed) {
      const file = fixture(session.id)
      expect(session).toEqual({
        id: file.id,
        title: file.title,
        createdAt: file.createdAt,
        updatedAt: file.updatedAt,
        messageCount: (file.messages as unknown[]).length,
        archived: false,
        // A userId other than the SDK's default reads into metadata, as an import does.
        metadata: {
          ...((file.metadata as JsonObject | undefined) ?? {}),
          ...(file.userId !== 'anonymous' && { userId: file.userId }),
        },
        // The SDK's messages are one chain: the last one is the current leaf.
        currentLeafId: (file.messages as { id: string }[]).at(-1)?.id ?? null,
        // Organising is the app's own (a sidecar): an SDK folder has none of it.
        pinned: false,
        folderId: null,
      })
    }
    expect((await s.getSession(S3)).metadata).toEqual({ source: 'cli', device: 'laptop' })

    const page = await s.listMessages(S1)
    expect(page.items.map((m) => m.role)).toEqual(['system', 'user', 'assistant'])
    page.items.forEach((m, i) => {
      const raw = fixtureMessages(S1)[i]!
      expect(m.id).toBe(raw.id)
      expect(m.sessionId).toBe(S1)
      expect(m.content).toBe(raw.content)
      expect(m.createdAt).toBe(raw.timestamp)
      // Our fields are missing from SDK files: read from the SDK's own metadata names where it
      // has them (as an import does), else their defaults.
      expect(m).toMatchObject({
        pattern: null,
        uncertainty: null,
        sensitive: false,
        status: 'complete',
        provider: null,
        model: (raw.metadata as JsonObject | undefined)?.model ?? null,
      })
    })
    expect(page.items[2]!.content).toContain('⟨⟨high⟩⟩')
    expect(page.items[2]!.content).toContain('◊')
    expect(page.items[1]!.metadata).toEqual({ source: 'keyboard' })
    // The SDK's own `usage` is not our usage shape: kept out of the domain message, not lost.
    expect(page.items[2]!.metadata).toEqual({ model: 'gpt-4', tokens: 42 })

    const hits = await s.search('lighthouse')
    expect(hits.map((h) => [h.sessionId, h.sessionTitle])).toEqual([[S3, 'Quick note']])
    expect((await s.search('cafe'))[0]?.messageId).toBe(fixtureMessages(S2)[0]!.id)
  })

  it('still validates as an SDK store after every kind of write, unknown fields kept', async () => {
    const dir = store()
    const s = await openJsonStorage(dir)
    const rich = makeRichMessage(S1, { createdAt: at(10_000_000) })
    const s1Leaf = (fixtureMessages(S1).at(-1) as { id: string }).id
    await s.appendMessage(rich)
    await s.updateSession(S2, { title: 'Garden plans ★', updatedAt: at(10_000_001) })
    await s.updateSession(S3, { archived: true, updatedAt: at(10_000_002) })
    const created = makeSession({ title: 'New here ⬢', createdAt: at(5), updatedAt: at(5) })
    await s.createSession(created)
    await s.appendMessage(makeMessage(created.id, { content: 'fresh words', createdAt: at(6) }))
    const sdkAssistant = fixtureMessages(S2)[1]!
    const edited = await s.getMessage(sdkAssistant.id as string)
    await s.updateMessage({ ...edited, content: 'Rewritten ✦ ⟨low⟩', status: 'stopped' })
    await s.deleteSession(S3)

    const { index, sessions } = loadLikeSdk(dir)
    expect(index.sessions).toEqual([S1, S2, created.id])
    expect(index.version).toBe('1.0.0')
    expect(existsSync(join(dir, `${S3}.json`))).toBe(false)
    expect(tempFilesIn(dir)).toEqual([])

    // Session 1: SDK fields and unknown fields as before; old messages unchanged to the value.
    const one = sessions.get(S1)!
    const before = fixture(S1)
    expect(one.tags).toEqual(before.tags)
    expect(one.settings).toEqual(before.settings)
    expect(one.userId).toBe('user_42')
    expect(one.updatedAt).toBe(rich.createdAt)
    const msgs = one.messages as JsonObject[]
    expect(msgs.slice(0, 3)).toEqual(before.messages)
    expect(msgs[3]).toMatchObject({
      id: rich.id,
      sessionId: S1,
      role: 'assistant',
      content: rich.content,
      timestamp: rich.createdAt,
      metadata: rich.metadata,
      pattern: rich.pattern,
      uncertainty: rich.uncertainty,
      status: 'stopped',
      provider: rich.provider,
      model: rich.model,
    })

    const two = sessions.get(S2)!
    expect(two.title).toBe('Garden plans ★')
    const twoMsgs = two.messages as JsonObject[]
    expect(twoMsgs[0]).toEqual(fixtureMessages(S2)[0])
    // Changed by us: our fields at the top level and, for when the SDK drops those, in metadata.
    expect(twoMsgs[1]).toEqual({
      ...sdkAssistant,
      content: 'Rewritten ✦ ⟨low⟩',
      status: 'stopped',
      pattern: 'strategic',
      metadata: {
        ...(sdkAssistant.metadata as JsonObject),
        activemirror: { pattern: 'strategic', status: 'stopped' },
      },
    })

    const mine = sessions.get(created.id)!
    expect(mine.userId).toBe('anonymous')
    expect(mine.title).toBe('New here ⬢')
    expect(mine.archived).toBe(false)

    // Unknown fields are only kept if a later rewrite of the same file keeps them too.
    await s.updateSession(S1, { title: 'Renamed', updatedAt: at(10_000_003) })
    const again = readJson(dir, `${S1}.json`)
    expect(again.tags).toEqual(before.tags)
    expect((again.messages as JsonObject[])[2]).toEqual(fixtureMessages(S1)[2])

    // And a fresh open reads back exactly what the first instance served.
    const reopened = await openJsonStorage(dir)
    expect(await reopened.listSessions({ archived: 'all' })).toEqual(
      await s.listSessions({ archived: 'all' }),
    )
    expect(await reopened.getMessage(rich.id)).toEqual({ ...rich, parentId: s1Leaf })
    expect(await reopened.listMessages(S2)).toEqual(await s.listMessages(S2))
  })

  it('keeps the archived flag and session metadata on an SDK session across reopen', async () => {
    const dir = store()
    const s = await openJsonStorage(dir)
    await s.updateSession(S2, {
      archived: true,
      metadata: { preferences: { pattern: 'creative' } },
      updatedAt: at(1),
    })
    const file = readJson(dir, `${S2}.json`)
    expect(file.archived).toBe(true)
    expect(file.metadata).toEqual({ preferences: { pattern: 'creative' } })
    const reopened = await openJsonStorage(dir)
    expect((await reopened.listSessions({ archived: true })).items.map((x) => x.id)).toEqual([S2])
  })

  it('writes our fields only where the SDK file had them or they differ from the default', async () => {
    const dir = store()
    const s = await openJsonStorage(dir)
    await s.appendMessage(makeMessage(S3, { content: 'later', createdAt: at(99_999_999) }))
    const [sdkMessage, ours] = readJson(dir, `${S3}.json`).messages as JsonObject[]
    expect(sdkMessage).toEqual(fixtureMessages(S3)[0])
    expect(Object.keys(ours!)).toEqual(
      expect.arrayContaining([
        'pattern',
        'uncertainty',
        'sensitive',
        'status',
        'provider',
        'model',
      ]),
    )
  })

  it('ignores files the index does not list, and never replaces or deletes them', async () => {
    const dir = store()
    const stray = 'session_1700000000000_orphan001'
    const strayPath = join(dir, `${stray}.json`)
    writeFileSync(strayPath, '{"id":"session_1700000000000_orphan001","messages":[]}')
    const s = await openJsonStorage(dir)
    expect(await s.hasSession(stray)).toBe(false)
    expect((await s.listSessions({ archived: 'all' })).items).toHaveLength(3)
    const bytes = readFileSync(strayPath, 'utf8')
    await expectMirrorError(s.createSession(makeSession({ id: stray })), 'VALIDATION_FAILED')
    await s.deleteSession(S1)
    await s.createSession(makeSession())
    expect(readFileSync(strayPath, 'utf8')).toBe(bytes)
    expect(readJson(dir, 'index.json').sessions).not.toContain(stray)
  })

  it('keeps sessions another program added to index.json after we opened', async () => {
    const dir = store()
    const s = await openJsonStorage(dir)
    const added = 'session_1800000000000_sdkadded1'
    writeFileSync(
      join(dir, `${added}.json`),
      JSON.stringify({ ...fixture(S3), id: added, messages: [], messageCount: 0 }),
    )
    const index = readJson(dir, 'index.json')
    writeFileSync(
      join(dir, 'index.json'),
      JSON.stringify({ ...index, sessions: [...(index.sessions as string[]), added] }),
    )
    const mine = makeSession()
    await s.createSession(mine)
    expect(readJson(dir, 'index.json').sessions).toEqual([S1, S2, S3, added, mine.id])
    loadLikeSdk(dir)
  })
})

describe('JSON store: a new folder', () => {
  it('creates the folder on open and index.json on the first write', async () => {
    const dir = store(false)
    expect(existsSync(dir)).toBe(false)
    const s = await openJsonStorage(dir)
    expect(existsSync(dir)).toBe(true)
    expect(readdirSync(dir)).toEqual([])
    expect((await s.listSessions()).items).toEqual([])

    const session = makeSession({ title: 'First' })
    await s.createSession(session)
    const { index, sessions } = loadLikeSdk(dir)
    expect(index.sessions).toEqual([session.id])
    expect(sessions.get(session.id)).toMatchObject({ title: 'First', userId: 'anonymous' })
  })

  it('refuses ids that cannot be file names, writing nothing', async () => {
    const dir = store(false)
    const s = await openJsonStorage(dir)
    for (const id of ['../escape', 'a/b', 'index', 'INDEX', '.hidden', 'nul']) {
      await expectMirrorError(s.createSession(makeSession({ id })), 'VALIDATION_FAILED')
    }
    expect(readdirSync(dir)).toEqual([])
    expect(existsSync(join(dir, '..', 'escape.json'))).toBe(false)
  })

  it('serializes concurrent writes: every append lands, the file stays valid', async () => {
    const dir = store(false)
    const s = await openJsonStorage(dir)
    const session = makeSession()
    await s.createSession(session)
    const messages = Array.from({ length: 25 }, (_, i) =>
      makeMessage(session.id, { content: `m${i}`, createdAt: at(i + 1) }),
    )
    await Promise.all([
      ...messages.map((m) => s.appendMessage(m)),
      s.updateSession(session.id, { title: 'busy', updatedAt: at(0) }),
    ])
    const { sessions } = loadLikeSdk(dir)
    const file = sessions.get(session.id)!
    expect((file.messages as JsonObject[]).map((m) => m.content)).toEqual(
      messages.map((m) => m.content),
    )
    expect(file.title).toBe('busy')
    expect(tempFilesIn(dir)).toEqual([])
  })
})
