import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Message, Session } from '../../src/shared/domain'
import { readStore } from './helpers/readStore'
import { amos, amosBin, amosJson, errorLine, removeDir, REPO, tempDir } from './helpers/runCli'

vi.setConfig({ testTimeout: 90_000 })

type SessionWithMessages = Session & { messages: Message[] }

let dir: string
let garden: Session
let sea: Session

beforeAll(async () => {
  dir = tempDir()
  ;[garden, sea] = await Promise.all([
    amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Garden']),
    amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Sea']),
  ])
})
afterAll(() => removeDir(dir))

describe('amos send', () => {
  it('gives a session created without a title an automatic one; a named one keeps its name', async () => {
    const fresh = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create'])
    expect(fresh.title).toBe('New session')
    const r = await amos([
      '--data-dir',
      dir,
      'send',
      fresh.id,
      'Should I repaint the kitchen in May?',
    ])
    expect(r.code, r.stderr).toBe(0)
    const shown = await amosJson<Session>(['--data-dir', dir, 'sessions', 'show', fresh.id])
    expect(shown.title).toBe('Should I repaint the kitchen')
    const named = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Kitchen'])
    expect((await amos(['--data-dir', dir, 'send', named.id, 'Blue or green?'])).code).toBe(0)
    expect((await amosJson<Session>(['--data-dir', dir, 'sessions', 'show', named.id])).title).toBe(
      'Kitchen',
    )
  })

  it('streams the offline reply as it arrives and stores both messages', async () => {
    const r = await amosBin([
      'send',
      garden.id,
      'I keep thinking about the lighthouse on the coast',
      '--data-dir',
      dir,
      '--pattern',
      'strategic',
      '--uncertainty',
      'high',
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    // Streaming: the reply arrived in several pieces, the first well before the process ended.
    expect(r.chunkTimes.length).toBeGreaterThan(3)
    expect(r.endTime - r.chunkTimes[0]!).toBeGreaterThan(50)

    const shown = await amosJson<SessionWithMessages>([
      '--data-dir',
      dir,
      'sessions',
      'show',
      garden.id,
    ])
    expect(shown.messageCount).toBe(2)
    const [user, reply] = shown.messages
    expect(user).toMatchObject({
      role: 'user',
      content: 'I keep thinking about the lighthouse on the coast',
      pattern: 'strategic',
      uncertainty: 'high',
      sensitive: false,
    })
    expect(reply).toMatchObject({
      role: 'assistant',
      pattern: 'strategic',
      status: 'complete',
      provider: 'offline',
    })
    for (const key of [
      'id',
      'role',
      'content',
      'createdAt',
      'pattern',
      'uncertainty',
      'sensitive',
      'status',
      'provider',
      'model',
    ]) {
      expect(reply).toHaveProperty(key)
    }
    // What was streamed is exactly what was stored.
    expect(r.stdout.trimEnd()).toBe(reply!.content.trimEnd())
    expect(reply!.content).toContain('⬢')
  })

  it('with --json prints only the final assistant message; TEXT "-" reads stdin', async () => {
    const message = await amosJson<Message>(['send', sea.id, '-', '--data-dir', dir], {
      input: 'The tide keeps pulling me back\n',
    })
    expect(message).toMatchObject({ sessionId: sea.id, role: 'assistant', status: 'complete' })
    const shown = await amosJson<SessionWithMessages>([
      '--data-dir',
      dir,
      'sessions',
      'show',
      sea.id,
    ])
    expect(shown.messages[0]!.content).toBe('The tide keeps pulling me back')
    expect(shown.messages[1]!.id).toBe(message.id)
  })

  it('fails cleanly for an unknown session, an empty message and an unknown provider', async () => {
    const before = await amosJson<Session[]>(['--data-dir', dir, 'sessions', 'list', '--all'])
    const [missing, empty, provider] = await Promise.all([
      amos(['--data-dir', dir, 'send', 'session_nope', 'hello']),
      amos(['--data-dir', dir, 'send', garden.id, '   ']),
      amos(['--data-dir', dir, 'send', garden.id, 'hello', '--provider', 'nowhere']),
    ])
    expect(missing.code).toBe(1)
    expect(errorLine(missing)).toMatch(/^NOT_FOUND: /)
    expect(empty.code).toBe(1)
    expect(errorLine(empty)).toMatch(/^VALIDATION_FAILED: /)
    expect(provider.code).toBe(1)
    expect(errorLine(provider)).toMatch(/^PROVIDER_NOT_CONFIGURED: /)
    const after = await amosJson<Session[]>(['--data-dir', dir, 'sessions', 'list', '--all'])
    expect(after).toEqual(before)
  })
})

describe('amos send, interrupted', () => {
  it('Ctrl-C stops the reply, keeps the part received as stopped, and exits 1 with CANCELLED', async () => {
    const s = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Interrupted'])
    const child = spawn(
      process.execPath,
      [
        path.join(REPO, 'bin/amos.mjs'),
        '--data-dir',
        dir,
        'send',
        s.id,
        'a long thought about many things',
      ],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    // Interrupt as soon as the reply has started streaming.
    child.stdout.once('data', () => child.kill('SIGINT'))
    expect(await exited).toBe(1)
    expect(stderr).toMatch(/^CANCELLED: [^\n]+\n$/)
    const [stored] = (await readStore(dir)).filter((x) => x.id === s.id)
    expect(stored!.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'stopped'],
    ])
    expect(stored!.messages[1]!.content.length).toBeGreaterThan(0)
  })
})

describe('amos search', () => {
  it('finds words across sessions, bracketing matches when piped', async () => {
    const plain = await amos(['search', 'lighthouse', '--data-dir', dir])
    expect(plain.code).toBe(0)
    expect(plain.stdout).toContain('[lighthouse]')
    expect(plain.stdout).toContain(garden.id)
    expect(plain.stdout).not.toContain('\u001b[')
    const both = await amosJson<
      Array<{ kind: string; sessionId: string; snippet: string; highlights: number[][] }>
    >(['--data-dir', dir, 'search', 'pull*'])
    expect(both.some((h) => h.kind === 'message' && h.sessionId === sea.id)).toBe(true)
    for (const hit of both) {
      for (const [s, e] of hit.highlights)
        expect(hit.snippet.slice(s, e).toLowerCase()).toMatch(/^pull/)
    }
  })

  it('lists sessions whose title matches and says when nothing matches', async () => {
    const [title, none] = await Promise.all([
      amosJson<Array<{ kind: string; sessionId: string }>>(['--data-dir', dir, 'search', 'Garden']),
      amos(['--data-dir', dir, 'search', 'xylophone']),
    ])
    expect(title).toContainEqual(expect.objectContaining({ kind: 'title', sessionId: garden.id }))
    expect(none.stdout).toBe('No matches.\n')
  })
})
