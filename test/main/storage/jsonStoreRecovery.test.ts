import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { STORE_LOCK_FILE } from '../../../src/main/storage/json/storeLock'
import { makeMessage, makeSession } from './helpers/fixtures'
import { readJson, tempStore } from './jsonStoreHelpers'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempStore(false))
})
afterEach(() => cleanup())

const file = (name: string): string => path.join(dir, name)
const age = (name: string, ms: number): void => {
  const when = new Date(Date.now() - ms)
  fs.utimesSync(file(name), when, when)
}

/** A pid no process has: above the kernel's pid_max (4194304 at most on Linux). */
const DEAD_PID = 4_999_999

async function storeWithOneSession(): Promise<{ id: string }> {
  const s = await openJsonStorage(dir)
  const session = makeSession()
  await s.createSession(session)
  await s.appendMessage(makeMessage(session.id, { id: 'm-1' }))
  await s.close()
  return session
}

describe('JSON store: left-overs of a crash are cleaned up at start', () => {
  it('removes temp files of dead writers, keeps ones a live write may still use', async () => {
    const { id } = await storeWithOneSession()
    const dead = `.${id}.json.${DEAD_PID}.0a1b2c3d.tmp`
    const live = `.${id}.json.${process.ppid}.0a1b2c3e.tmp`
    const fresh = `.index.json.${DEAD_PID}.0a1b2c3f.tmp`
    for (const name of [dead, live, fresh]) fs.writeFileSync(file(name), '{"half": ')
    age(dead, 5 * 60_000)
    age(live, 5 * 60_000)

    const s = await openJsonStorage(dir)
    expect(fs.existsSync(file(dead))).toBe(false)
    expect(fs.existsSync(file(live))).toBe(true)
    // A dead pid's file this young may be another machine's write in progress on a shared folder.
    expect(fs.existsSync(file(fresh))).toBe(true)
    expect((await s.listMessages(id)).items.map((m) => m.id)).toEqual(['m-1'])
    await s.close()
  })

  it('removes an empty lock file an older version left when it died before writing its pid', async () => {
    await storeWithOneSession()
    fs.writeFileSync(file(STORE_LOCK_FILE), '')
    age(STORE_LOCK_FILE, 5_000)
    const s = await openJsonStorage(dir)
    expect(fs.existsSync(file(STORE_LOCK_FILE))).toBe(false)
    await s.close()
  })

  it('lists again a session file that is on disk but missing from index.json', async () => {
    const { id } = await storeWithOneSession()
    const index = readJson(dir, 'index.json')
    fs.writeFileSync(file('index.json'), JSON.stringify({ ...index, sessions: [] }))
    fs.writeFileSync(file('notes.json'), '{"not": "a session"}')

    const s = await openJsonStorage(dir)
    expect((await s.listSessions()).items.map((x) => x.id)).toEqual([id])
    expect(readJson(dir, 'index.json').sessions).toEqual([id])
    // A file that is not a session is reported and left alone.
    const problems = await s.problems()
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ location: 'notes.json' })
    expect(problems[0]!.reason).toContain('not in index.json')
    expect(fs.readFileSync(file('notes.json'), 'utf8')).toBe('{"not": "a session"}')
    await s.close()
  })

  it('lists again, at its next write, a session another program dropped from index.json', async () => {
    const { id } = await storeWithOneSession()
    const s = await openJsonStorage(dir)
    // The SDK rewrites index.json from the list it loaded earlier, without our session.
    const index = readJson(dir, 'index.json')
    fs.writeFileSync(file('index.json'), JSON.stringify({ ...index, sessions: [] }))
    const other = makeSession()
    await s.createSession(other)
    expect(readJson(dir, 'index.json').sessions).toEqual([id, other.id])
    await s.close()
  })

  it('finishes a delete that a crash interrupted instead of bringing the session back', async () => {
    const { id } = await storeWithOneSession()
    fs.renameSync(file(`${id}.json`), file(`.${id}.json.deleting`))
    const s = await openJsonStorage(dir)
    expect((await s.listSessions()).items).toEqual([])
    expect(await s.problems()).toEqual([])
    expect(readJson(dir, 'index.json').sessions).toEqual([])
    expect(fs.readdirSync(dir).filter((n) => n.includes(id))).toEqual([])
    await s.close()
  })

  it('deleting leaves neither the file, nor a sidecar, nor an index entry', async () => {
    const s = await openJsonStorage(dir)
    const session = makeSession({ metadata: { folder: 'work' } })
    await s.createSession(session)
    await s.updateSession(session.id, { archived: true, updatedAt: session.updatedAt })
    expect(fs.existsSync(path.join(dir, '.activemirror', 'sessions', `${session.id}.json`))).toBe(
      true,
    )
    await s.deleteSession(session.id)
    expect(fs.readdirSync(dir).filter((n) => n.includes(session.id))).toEqual([])
    expect(fs.readdirSync(path.join(dir, '.activemirror', 'sessions'))).toEqual([])
    expect(readJson(dir, 'index.json').sessions).toEqual([])
    await s.close()
  })
})

describe('JSON store: a damaged message stays local', () => {
  it('serves the rest of the session, reports each damaged entry and writes it back as it was', async () => {
    const s = await openJsonStorage(dir)
    const session = makeSession()
    await s.createSession(session)
    for (const id of ['m-1', 'm-2', 'm-3']) await s.appendMessage(makeMessage(session.id, { id }))
    await s.close()
    const name = `${session.id}.json`
    const onDisk = readJson(dir, name)
    const [m1, m2, m3] = onDisk.messages as Record<string, unknown>[]
    const badRole = { ...m2, id: 'm-bad-role', role: 'narrator' }
    const noContent = { id: 'm-no-content', role: 'user', timestamp: m1!.timestamp }
    const duplicate = { ...m3, content: 'a copy with the same id' }
    const damaged = [badRole, m1, noContent, m2, m3, duplicate, 'not even an object']
    fs.writeFileSync(file(name), JSON.stringify({ ...onDisk, messages: damaged }))

    const reopened = await openJsonStorage(dir)
    expect((await reopened.listSessions()).items.map((x) => x.id)).toEqual([session.id])
    expect((await reopened.listMessages(session.id)).items.map((m) => m.id)).toEqual([
      'm-1',
      'm-2',
      'm-3',
    ])
    const reasons = (await reopened.problems()).map((p) => `${p.location}: ${p.reason}`)
    expect(reasons).toHaveLength(4)
    expect(reasons[0]).toMatch(new RegExp(`^${name}: message 1 \\(m-bad-role\\) cannot be read`))
    expect(reasons[1]).toMatch(/message 3 \(m-no-content\) cannot be read \(content/)
    expect(reasons[2]).toMatch(/message 6 \(m-3\) cannot be read \(its id "m-3" appears earlier/)
    expect(reasons[3]).toMatch(/message 7 cannot be read/)

    await reopened.appendMessage(makeMessage(session.id, { id: 'm-4' }))
    await reopened.updateMessage(makeMessage(session.id, { id: 'm-2', content: 'edited' }))
    const after = readJson(dir, name)
    const written = after.messages as unknown[]
    expect(written[0]).toEqual(badRole)
    expect(written[2]).toEqual(noContent)
    expect(written[5]).toEqual(duplicate)
    expect(written[6]).toBe('not even an object')
    expect((written[7] as { id: string }).id).toBe('m-4')
    expect((written[3] as { content: string }).content).toBe('edited')
    expect(after.messageCount).toBe(8)
    await reopened.close()
  })
})
