import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Message, Session } from '../../src/shared/domain'
import { amos, amosJson, errorLine, removeDir, tempDir } from './helpers/runCli'

type Shown = Session & { messages: Message[] }
type Version = Message & { current: boolean }

let dir: string
beforeAll(() => {
  process.env.AMOS_OFFLINE_DELAY_MS = '0'
})
beforeEach(() => {
  dir = tempDir('amos-cli-messages-')
})
afterEach(() => removeDir(dir))

const run = (args: string[]) =>
  amos([...args, '--data-dir', dir], { env: { AMOS_OFFLINE_DELAY_MS: '0' } })
const json = <T>(args: string[]) =>
  amosJson<T>([...args, '--data-dir', dir], { env: { AMOS_OFFLINE_DELAY_MS: '0' } })

async function conversation(): Promise<{ session: Session; shown: Shown }> {
  const session = await json<Session>(['sessions', 'create', 'Orchard'])
  await json<Message>(['send', session.id, 'When should I prune the apple trees?'])
  await json<Message>(['send', session.id, 'And the pears?'])
  return { session, shown: await json<Shown>(['sessions', 'show', session.id]) }
}

describe('amos message commands', () => {
  it('sessions show --json carries parentId, versionIndex and versionCount', async () => {
    const { shown } = await conversation()
    expect(shown.messages.map((m) => [m.parentId, m.versionIndex, m.versionCount])).toEqual([
      [null, 1, 1],
      [shown.messages[0]!.id, 1, 1],
      [shown.messages[1]!.id, 1, 1],
      [shown.messages[2]!.id, 1, 1],
    ])
  })

  it('edit makes a new version and streams a reply; versions lists both, current marked', async () => {
    const { session, shown } = await conversation()
    const question = shown.messages[2]!
    const edited = await run(['edit', question.id, 'And the plum trees?', '--pattern', 'creative'])
    expect(edited.code, edited.stderr).toBe(0)
    expect(edited.stdout.length).toBeGreaterThan(0)
    const after = await json<Shown>(['sessions', 'show', session.id])
    expect(after.messages).toHaveLength(4)
    expect(after.messages[2]).toMatchObject({
      content: 'And the plum trees?',
      pattern: 'creative',
      versionIndex: 2,
      versionCount: 2,
    })
    expect(after.messages[3]!.parentId).toBe(after.messages[2]!.id)

    const versions = await json<Version[]>(['versions', question.id])
    expect(versions.map((v) => [v.content, v.versionIndex, v.current])).toEqual([
      ['And the pears?', 1, false],
      ['And the plum trees?', 2, true],
    ])
    const text = await run(['versions', question.id])
    expect(text.stdout).toMatch(
      /^ {2}1\/2 {2}msg_\S+ {2}user.*\n {4}And the pears\?\n\* 2\/2 {2}msg_\S+ {2}user/,
    )

    const plain = await run(['sessions', 'show', session.id])
    expect(plain.stdout).toMatch(/── user · ★ creative · version 2\/2 · /)
    // The log has the edit by ids, not the words.
    const entries = await json<Array<{ type: string; data: Record<string, unknown> }>>([
      'continuity',
      'log',
    ])
    expect(entries.find((e) => e.type === 'message.edited')?.data).toEqual({
      messageId: after.messages[2]!.id,
      replacesId: question.id,
    })
    expect(JSON.stringify(entries)).not.toMatch(/plum|pears/)

    // switch brings the old question back with its reply.
    const switched = await json<Session>(['switch', question.id])
    expect(switched.currentLeafId).toBe(shown.messages[3]!.id)
    const back = await json<Shown>(['sessions', 'show', session.id])
    expect(back.messages.map((m) => m.id)).toEqual(shown.messages.map((m) => m.id))
  })

  it('edit reads TEXT - from standard input', async () => {
    const { session, shown } = await conversation()
    const r = await amos(['edit', shown.messages[0]!.id, '-', '--data-dir', dir], {
      env: { AMOS_OFFLINE_DELAY_MS: '0' },
      input: 'When do apples ripen?\n',
    })
    expect(r.code, r.stderr).toBe(0)
    const after = await json<Shown>(['sessions', 'show', session.id])
    expect(after.messages.map((m) => m.content)[0]).toBe('When do apples ripen?')
    expect(after.messages).toHaveLength(2)
  })

  it('regenerate makes a new version of the last reply with this turn’s options', async () => {
    const { session, shown } = await conversation()
    const reply = await json<Message>(['regenerate', session.id, '--uncertainty', 'high'])
    expect(reply).toMatchObject({
      role: 'assistant',
      uncertainty: 'high',
      parentId: shown.messages[2]!.id,
      status: 'complete',
    })
    const versions = await json<Version[]>(['versions', reply.id])
    expect(versions.map((v) => [v.id, v.current])).toEqual([
      [shown.messages[3]!.id, false],
      [reply.id, true],
    ])
  })

  it('regenerate refuses a session whose last message is not a reply', async () => {
    const session = await json<Session>(['sessions', 'create', 'Empty'])
    const r = await run(['regenerate', session.id])
    expect(r.code).toBe(1)
    expect(errorLine(r)).toMatch(/^VALIDATION_FAILED: .*nothing to regenerate/)
  })

  it('messages delete removes the message and everything below it', async () => {
    const { session, shown } = await conversation()
    const r = await run(['messages', 'delete', shown.messages[1]!.id])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(`Deleted 3 messages (${shown.messages[1]!.id} and everything below it)\n`)
    const after = await json<Shown>(['sessions', 'show', session.id])
    expect(after.messages.map((m) => m.id)).toEqual([shown.messages[0]!.id])
    expect(after.messageCount).toBe(1)
    const missing = await run(['messages', 'delete', shown.messages[1]!.id])
    expect(missing.code).toBe(1)
    expect(errorLine(missing)).toMatch(/^NOT_FOUND/)
  })

  it('branch copies the path up to the message into a new session', async () => {
    const { session, shown } = await conversation()
    const branch = await json<Session>(['branch', shown.messages[1]!.id])
    expect(branch).toMatchObject({ title: 'Orchard (branch)', messageCount: 2 })
    const copied = await json<Shown>(['sessions', 'show', branch.id])
    expect(copied.messages.map((m) => m.content)).toEqual(
      shown.messages.slice(0, 2).map((m) => m.content),
    )
    expect(copied.messages.map((m) => m.id)).not.toContain(shown.messages[0]!.id)
    const text = await run(['branch', shown.messages[0]!.id])
    expect(text.stdout).toMatch(/^Created session_\S+ {2}"Orchard \(branch\)"\n$/)
    expect((await json<Session[]>(['sessions', 'list'])).map((s) => s.title).sort()).toEqual([
      'Orchard',
      'Orchard (branch)',
      'Orchard (branch)',
    ])
    expect(session.id).toBe(shown.id)
  })

  it('help lists the new commands', async () => {
    const r = await run(['--help'])
    for (const name of ['edit', 'regenerate', 'versions', 'switch', 'branch', 'messages']) {
      expect(r.stdout).toMatch(new RegExp(`\\n\\s+${name}\\b`))
    }
    const usage = await run(['edit', 'msg_1'])
    expect(usage.code).toBe(2)
  })
})
