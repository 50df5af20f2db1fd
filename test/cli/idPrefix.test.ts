import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Message, Session } from '../../src/shared/domain'
import { amos, amosJson, dataDirs, errorLine } from './helpers/runCli'

vi.setConfig({ testTimeout: 60_000 })

const dataDir = dataDirs()

/** The shortest start of `id` that no other id shares. */
function uniquePrefix(id: string, others: readonly string[]): string {
  let n = 1
  while (others.some((o) => o !== id && o.startsWith(id.slice(0, n)))) n++
  return id.slice(0, n)
}

async function twoSessions(dir: string, storage: string): Promise<[Session, Session]> {
  const create = (title: string) =>
    amosJson<Session>(['--data-dir', dir, '--storage', storage, 'sessions', 'create', title])
  return [await create('First'), await create('Second')]
}

describe.each(['sqlite', 'json'])('session id prefixes (%s)', (storage) => {
  it('every command that takes a session ID takes a unique start of it', async () => {
    const dir = dataDir()
    const [a, b] = await twoSessions(dir, storage)
    const short = uniquePrefix(a.id, [b.id])
    expect(short.length).toBeLessThan(a.id.length)
    const run = <T>(...args: string[]) =>
      amosJson<T>(['--data-dir', dir, '--storage', storage, ...args])

    expect((await run<Session>('sessions', 'show', short)).id).toBe(a.id)
    expect(await run<Session>('sessions', 'rename', short, 'Renamed')).toMatchObject({
      id: a.id,
      title: 'Renamed',
    })
    expect((await run<Session>('sessions', 'archive', short)).archived).toBe(true)
    expect((await run<Session>('sessions', 'unarchive', short)).archived).toBe(false)
    const reply = await run<Message>('send', short, 'A note about tides.')
    expect(reply).toMatchObject({ sessionId: a.id, role: 'assistant' })
    const out = path.join(dataDir(), 'out.json')
    await run('export', short, '--out', out)
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ id: a.id, messageCount: 2 })
    expect(await run('sessions', 'delete', short)).toEqual({ id: a.id, deleted: true })
    // The other session was never touched.
    expect(await run<Session[]>('sessions', 'list')).toEqual([b])
  })

  it('an ambiguous start is a USAGE error naming the candidates; nothing changes', async () => {
    const dir = dataDir()
    const [a, b] = await twoSessions(dir, storage)
    // One character short of telling them apart.
    const shared = a.id.slice(0, uniquePrefix(a.id, [b.id]).length - 1)
    expect(b.id.startsWith(shared)).toBe(true)
    const r = await amos(['--data-dir', dir, '--storage', storage, 'sessions', 'delete', shared])
    expect(r.code).toBe(2)
    const line = errorLine(r)
    expect(line).toMatch(/^USAGE: /)
    expect(line).toContain(a.id)
    expect(line).toContain(b.id)
    expect(r.stdout).toBe('')
    const left = await amosJson<Session[]>([
      '--data-dir',
      dir,
      '--storage',
      storage,
      'sessions',
      'list',
    ])
    expect(left.map((s) => s.id).sort()).toEqual([a.id, b.id].sort())
  })

  it('an unknown start is NOT_FOUND', async () => {
    const dir = dataDir()
    await twoSessions(dir, storage)
    for (const args of [
      ['sessions', 'show', 'zz'],
      ['send', 'zz', 'hi'],
      ['export', 'zz'],
    ]) {
      const r = await amos(['--data-dir', dir, '--storage', storage, ...args])
      expect(r.code).toBe(1)
      expect(errorLine(r)).toMatch(/^NOT_FOUND: .*zz/)
    }
  })
})

describe('message id prefixes', () => {
  it('edit, versions, switch, branch and messages delete take a unique start; regenerate a session start', async () => {
    const dir = dataDir()
    const env = { AMOS_OFFLINE_DELAY_MS: '0' }
    const json = <T>(...args: string[]) => amosJson<T>(['--data-dir', dir, ...args], { env })
    const session = await json<Session>('sessions', 'create', 'Orchard')
    await json<Message>('send', session.id, 'When should I prune the apple trees?')
    const shown = await json<Session & { messages: Message[] }>('sessions', 'show', session.id)
    const [question, reply] = shown.messages as [Message, Message]
    const ids = shown.messages.map((m) => m.id)
    const q = uniquePrefix(question.id, ids)
    expect(q.length).toBeLessThan(question.id.length)

    await json<Message>('edit', q, 'When should I prune the pear trees?')
    // The edit's branch (its new prompt and reply) is current now: their ids count for "unique".
    const edited = await json<Session & { messages: Message[] }>('sessions', 'show', session.id)
    const versions = await json<Array<Message & { current: boolean }>>('versions', q)
    expect(versions.map((v) => v.current)).toEqual([false, true])
    const switched = await json<Session>('switch', q)
    expect(switched.id).toBe(session.id)
    expect((await json<Array<Message & { current: boolean }>>('versions', q))[0]!.current).toBe(
      true,
    )

    const all = (await json<Session & { messages: Message[] }>('sessions', 'show', session.id))
      .messages
    const r = uniquePrefix(reply.id, [
      ...ids,
      ...edited.messages.map((m) => m.id),
      ...all.map((m) => m.id),
    ])
    const branched = await json<Session>('branch', r)
    expect(branched.id).not.toBe(session.id)

    const sessions = await json<Session[]>('sessions', 'list')
    const s = uniquePrefix(
      session.id,
      sessions.map((x) => x.id),
    )
    const regenerated = await json<Message>('regenerate', s)
    expect(regenerated).toMatchObject({ sessionId: session.id, role: 'assistant' })

    const deleted = await json<{ messageId: string }>('messages', 'delete', q)
    expect(deleted.messageId).toBe(question.id)
  })

  it('an ambiguous message id start is USAGE naming them, an unknown one NOT_FOUND', async () => {
    const dir = dataDir()
    const env = { AMOS_OFFLINE_DELAY_MS: '0' }
    const session = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Two'])
    await amosJson(['--data-dir', dir, 'send', session.id, 'hello there'], { env })
    const ambiguous = await amos(['--data-dir', dir, 'versions', 'msg_'])
    expect(ambiguous.code).toBe(2)
    expect(errorLine(ambiguous)).toMatch(/^USAGE: msg_ is the start of several message ids: msg_/)
    const unknown = await amos(['--data-dir', dir, 'messages', 'delete', 'zz'])
    expect(unknown.code).toBe(1)
    expect(errorLine(unknown)).toMatch(/^NOT_FOUND: .*zz/)
  })
})
