import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import type { JsonStorage } from '../../../src/main/storage/json/jsonStorage'
import {
  asRoot,
  chained,
  expectMirrorError,
  makeMessage,
  makeRichMessage,
  makeSession,
} from './helpers/fixtures'
import { readJson, tempStore } from './jsonStoreHelpers'

// Two JsonStorage instances on one folder behave as two processes do: each has its own cache
// and only the files in between. (racingWriters.test.ts races real processes.)
let dir: string
let cleanup: () => void
const open: JsonStorage[] = []
beforeEach(() => {
  ;({ dir, cleanup } = tempStore(false))
})
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  cleanup()
})

async function storage(): Promise<JsonStorage> {
  const s = await openJsonStorage(dir)
  open.push(s)
  return s
}

describe('JSON store: another process writes the same folder', () => {
  it('keeps the messages another process appended when this one appends and renames', async () => {
    const app = await storage()
    const session = makeSession()
    await app.createSession(session)
    await app.appendMessage(makeMessage(session.id, { id: 'm-app-1' }))
    const cli = await storage()
    for (let i = 0; i < 12; i++)
      await cli.appendMessage(makeMessage(session.id, { id: `m-cli-${i}` }))

    // The app's cache still holds one message; its writes must start from the file.
    await app.appendMessage(makeMessage(session.id, { id: 'm-app-2' }))
    await app.updateSession(session.id, {
      title: 'Renamed in the app',
      updatedAt: session.updatedAt,
    })
    await app.updateMessage(
      makeMessage(session.id, { id: 'm-cli-3', content: 'edited in the app' }),
    )

    const ids = ['m-app-1', ...Array.from({ length: 12 }, (_, i) => `m-cli-${i}`), 'm-app-2']
    const file = readJson(dir, `${session.id}.json`)
    expect((file.messages as { id: string }[]).map((m) => m.id)).toEqual(ids)
    expect(file.title).toBe('Renamed in the app')
    const fresh = await openJsonStorage(dir)
    open.push(fresh)
    expect((await fresh.listMessages(session.id)).items.map((m) => m.id)).toEqual(ids)
    expect((await fresh.getMessage('m-cli-3')).content).toBe('edited in the app')
    expect((await fresh.getSession(session.id)).messageCount).toBe(14)
  })

  it('reads what another process wrote without reopening', async () => {
    const app = await storage()
    const session = makeSession()
    await app.createSession(session)
    const cli = await storage()
    const reply = makeRichMessage(session.id, { id: 'm-reply' })
    await cli.appendMessage(reply)
    expect((await app.listMessages(session.id)).items).toEqual(chained([reply], { path: true }))
    expect(await app.getMessage('m-reply')).toEqual(asRoot(reply))

    const other = makeSession({ title: 'Made by the CLI' })
    await cli.createSession(other)
    expect(await app.getSession(other.id)).toEqual(other)
    await expect
      .poll(async () => (await app.listSessions()).items.map((s) => s.title).sort())
      .toEqual(['A session', 'Made by the CLI'])
  })

  it('a session another process deleted is not found, and is never written back', async () => {
    const app = await storage()
    const session = makeSession()
    await app.createSession(session)
    const m = makeMessage(session.id)
    await app.appendMessage(m)
    const cli = await storage()
    await cli.deleteSession(session.id)

    await expectMirrorError(app.appendMessage(makeMessage(session.id)), 'NOT_FOUND')
    await expectMirrorError(app.updateMessage({ ...m, content: 'late edit' }), 'NOT_FOUND')
    await expectMirrorError(
      app.updateSession(session.id, { title: 'x', updatedAt: m.createdAt }),
      'NOT_FOUND',
    )
    expect(fs.existsSync(path.join(dir, `${session.id}.json`))).toBe(false)
    expect(readJson(dir, 'index.json').sessions).toEqual([])
    expect((await app.listSessions()).items).toEqual([])
  })

  it('a message another process no longer has cannot be updated (nothing is resurrected)', async () => {
    const app = await storage()
    const session = makeSession()
    await app.createSession(session)
    const m = makeMessage(session.id, { id: 'm-gone' })
    await app.appendMessage(m)
    // Another program rewrites the file without that message.
    const file = readJson(dir, `${session.id}.json`)
    fs.writeFileSync(
      path.join(dir, `${session.id}.json`),
      JSON.stringify({ ...file, messages: [], messageCount: 0 }),
    )
    await expectMirrorError(app.updateMessage({ ...m, content: 'edit' }), 'NOT_FOUND')
    expect(readJson(dir, `${session.id}.json`).messages).toEqual([])
  })

  it('a session file another program damaged is reported and left as it is, until repaired', async () => {
    const app = await storage()
    const session = makeSession()
    await app.createSession(session)
    const file = path.join(dir, `${session.id}.json`)
    const good = fs.readFileSync(file, 'utf8')
    fs.writeFileSync(file, '{"broken": ')
    await expectMirrorError(app.appendMessage(makeMessage(session.id)), 'STORAGE_CORRUPT')
    expect(fs.readFileSync(file, 'utf8')).toBe('{"broken": ')
    expect((await app.problems()).map((p) => p.location)).toEqual([`${session.id}.json`])
    // Once the other program has written it whole again, the session works without a reopen.
    fs.writeFileSync(file, good)
    await app.appendMessage(makeMessage(session.id, { id: 'm-after-repair' }))
    expect(await app.problems()).toEqual([])
    expect((await app.listMessages(session.id)).items.map((m) => m.id)).toEqual(['m-after-repair'])
  })
})
