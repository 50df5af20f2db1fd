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
