import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MIN_ITERATIONS } from '../../../../src/main/crypto/kdf'
import type { Mirror } from '../../../../src/main/mirrorApi'
import { JSON_APP_SUBDIR } from '../../../../src/main/paths'
import type { Pattern, UncertaintyLevel } from '../../../../src/shared/domain'
import { memorySecrets } from '../../continuity/helpers/mirror'
import { tempMirror } from '../../helpers/tempMirror'
import type { TempMirror } from '../../helpers/tempMirror'
import { startLoopback } from '../../llm/servers/loopback'
import type { LoopbackServer } from '../../llm/servers/loopback'
import { ollamaWire } from '../../llm/servers/wires'
import { expectCode } from '../../vault/helpers/mirrorFixture'

const GLOBAL_HEADING = 'Instructions from the user (apply them to every reply):'
const SESSION_HEADING = 'Instructions for this conversation:'

let fx: TempMirror | null = null
let server: LoopbackServer | null = null
afterEach(async () => {
  await fx?.cleanup()
  fx = null
  await server?.close()
  server = null
})

async function setup(storage: 'sqlite' | 'json'): Promise<Mirror> {
  server = await startLoopback(ollamaWire, [{ type: 'stream', texts: ['Noted.'] }])
  const secrets = memorySecrets()
  fx = await tempMirror('amos-instructions-chat-', (dir) => ({
    storage,
    vault: {
      keychainService: `ActiveMirror-test-${path.basename(dir)}`,
      iterations: MIN_ITERATIONS,
    },
    providerSettings: { secrets, callOptions: { idleTimeoutMs: 5_000, retry: { maxRetries: 0 } } },
  }))
  await fx.mirror.providerSettings.add({
    id: 'local',
    type: 'ollama',
    model: 'llama3.2',
    baseUrl: server.url,
  })
  await fx.mirror.providerSettings.setDefault('local')
  return fx.mirror
}

async function say(
  mirror: Mirror,
  sessionId: string,
  text: string,
  pattern: Pattern = 'exploratory',
  uncertainty: UncertaintyLevel = 'none',
) {
  const sent = await mirror.chat.send({ sessionId, text, pattern, uncertainty })
  const outcome = await sent.completion
  expect(outcome.error).toBeNull()
  return outcome.message!
}

/** The system text the provider received in request `index`, read off the wire. */
function wireSystem(index: number): string {
  const body = server!.requests[index]!.body as {
    messages: Array<{ role: string; content: string }>
  }
  const system = body.messages.filter((m) => m.role === 'system')
  expect(system).toHaveLength(1)
  return system[0]!.content
}

describe.each(['sqlite', 'json'] as const)('instructions in context assembly (%s)', (storage) => {
  it('sends global instructions, then session ones added or replacing, exactly', async () => {
    const mirror = await setup(storage)
    const base = mirror.reflective.systemPrompt('exploratory', 'none')
    const session = await mirror.sessions.create({ title: 'Plans' })
    await mirror.instructions.setGlobal('  Answer in British English.  ')
    await say(mirror, session.id, 'Hello')
    expect(wireSystem(0)).toBe(`${base}\n\n${GLOBAL_HEADING}\nAnswer in British English.`)

    await mirror.instructions.setSession(session.id, { text: 'Use metric units.', mode: 'add' })
    await say(mirror, session.id, 'And now?')
    expect(wireSystem(1)).toBe(
      `${base}\n\n${GLOBAL_HEADING}\nAnswer in British English.\n\n${SESSION_HEADING}\nUse metric units.`,
    )

    await mirror.instructions.setSession(session.id, { text: 'Only haiku.', mode: 'replace' })
    const reply = await say(mirror, session.id, 'Still there?')
    expect(wireSystem(2)).toBe(`${base}\n\n${SESSION_HEADING}\nOnly haiku.`)

    // What the model saw is what went over the wire, even after the instructions change.
    await mirror.instructions.setSession(session.id, { text: 'Something else.', mode: 'add' })
    const seen = await mirror.chatContext.seen(session.id, reply.id)
    expect(seen.systemPrompt).toBe(wireSystem(2))
    expect(seen.instructions).toEqual({
      replaced: true,
      parts: [{ kind: 'session', label: 'Session instructions', text: 'Only haiku.' }],
    })
    // The settings file lives with the app's files: beside the database, or in .activemirror/.
    const filesDir = storage === 'json' ? path.join(fx!.dir, JSON_APP_SUBDIR) : fx!.dir
    expect(existsSync(path.join(filesDir, 'instructions.json'))).toBe(true)
    // Session instructions live in the session: they survive a restart.
    const reopened = await fx!.reopen()
    expect(await reopened.instructions.session(session.id)).toMatchObject({
      text: 'Something else.',
      mode: 'add',
      persona: null,
    })
  })

  it('a persona sets the session up and its instructions reach the model; removing it falls back', async () => {
    const mirror = await setup(storage)
    await mirror.instructions.setGlobal('Be kind.')
    const coach = await mirror.instructions.addPersona({
      name: 'Coach',
      instructions: 'Ask one question at a time.',
      pattern: 'strategic',
      uncertainty: 'medium',
      providerId: 'local',
      model: 'qwen2.5',
    })
    const session = await mirror.sessions.create({ title: 'Career' })
    const applied = await mirror.instructions.applyPersona(session.id, coach.id)
    expect(applied.metadata['preferences']).toEqual({
      pattern: 'strategic',
      uncertainty: 'medium',
      providerId: 'local',
      model: 'qwen2.5',
    })
    expect(applied.updatedAt).toBe(session.updatedAt)
    const reply = await say(mirror, session.id, 'Where do I start?', 'strategic', 'medium')
    expect(reply.model).toBe('qwen2.5')
    const base = mirror.reflective.systemPrompt('strategic', 'medium')
    expect(wireSystem(0)).toBe(
      `${base}\n\n${GLOBAL_HEADING}\nBe kind.\n\nPersona "Coach" (instructions for this conversation):\nAsk one question at a time.`,
    )

    // The meter counts what the instructions add.
    const input = {
      sessionId: session.id,
      text: 'Next',
      pattern: 'strategic',
      uncertainty: 'medium',
    } as const
    const withPersona = await mirror.chatContext.estimate(input)
    await mirror.instructions.setSession(session.id, { text: '', mode: 'replace' })
    const without = await mirror.chatContext.estimate(input)
    expect(withPersona.used).toBeGreaterThan(without.used + 5)
    await mirror.instructions.setSession(session.id, { text: '', mode: 'add' })

    expect(await mirror.instructions.removePersona(coach.id)).toBe(true)
    expect(await mirror.instructions.session(session.id)).toMatchObject({
      persona: { id: coach.id, name: 'Coach', removed: true },
    })
    await say(mirror, session.id, 'Still working?', 'strategic', 'medium')
    expect(wireSystem(1)).toBe(`${base}\n\n${GLOBAL_HEADING}\nBe kind.`)
  })
})

describe('personas and sessions', () => {
  it('sessions.create with a persona; unknown persona or provider leaves nothing behind', async () => {
    const mirror = await setup('sqlite')
    await expectCode(
      mirror.instructions.addPersona({ name: 'Far', providerId: 'nowhere' }),
      'PROVIDER_NOT_CONFIGURED',
    )
    expect(await mirror.instructions.listPersonas()).toEqual([])
    const editor = await mirror.instructions.addPersona({ name: 'Editor', pattern: 'analytical' })
    const created = await mirror.instructions.createSession({
      title: 'Draft',
      personaId: editor.id,
    })
    expect(created.metadata['persona']).toEqual({ id: editor.id, name: 'Editor' })
    expect(created.metadata['preferences']).toEqual({ pattern: 'analytical', uncertainty: 'none' })
    const before = (await mirror.sessions.list()).items.length
    await expectCode(mirror.instructions.createSession({ personaId: 'persona_gone' }), 'NOT_FOUND')
    expect((await mirror.sessions.list()).items).toHaveLength(before)
    // Switching back to no persona keeps the session's choices.
    const cleared = await mirror.instructions.applyPersona(created.id, null)
    expect(cleared.metadata['persona']).toBeUndefined()
    expect(cleared.metadata['preferences']).toEqual({ pattern: 'analytical', uncertainty: 'none' })
    expect((await mirror.instructions.findPersona('  EDITOR ')).id).toBe(editor.id)
  })

  it('a corrupt instructions.json fails the turn with STORAGE_CORRUPT and stays as it is', async () => {
    const mirror = await setup('sqlite')
    const session = await mirror.sessions.create({ title: 'Broken' })
    const { writeFileSync, readFileSync } = await import('node:fs')
    const file = path.join(fx!.dir, 'instructions.json')
    writeFileSync(file, '{ not json')
    const sent = await mirror.chat.send({
      sessionId: session.id,
      text: 'Hello',
      pattern: 'exploratory',
      uncertainty: 'none',
    })
    const outcome = await sent.completion
    expect(outcome.error?.code).toBe('STORAGE_CORRUPT')
    expect(server!.requests).toHaveLength(0)
    await expectCode(mirror.instructions.setGlobal('x'), 'STORAGE_CORRUPT')
    expect(readFileSync(file, 'utf8')).toBe('{ not json')
  })

  it('session instructions over the cap: INSTRUCTIONS_TOO_LONG, the session unchanged', async () => {
    const mirror = await setup('sqlite')
    const session = await mirror.sessions.create({ title: 'Cap' })
    await mirror.instructions.setSession(session.id, { text: 'Keep.', mode: 'add' })
    await expectCode(
      mirror.instructions.setSession(session.id, { text: 'x'.repeat(8_001), mode: 'add' }),
      'INSTRUCTIONS_TOO_LONG',
    )
    expect((await mirror.instructions.session(session.id)).text).toBe('Keep.')
  })
})
