import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DRAFT_SYSTEM_PROMPT, parseDraftReply } from '../../../src/main/memory/modelDrafter'
import type { Session } from '../../../src/shared/domain'
import { startLoopback } from '../llm/servers/loopback'
import type { LoopbackServer } from '../llm/servers/loopback'
import { openAiWire } from '../llm/servers/wires'
import { outwardAddress } from './helpers/wire'
import type { WireBody } from './helpers/wire'
import { continuityMirror } from '../continuity/helpers/mirror'
import type { ContinuityMirror } from '../continuity/helpers/mirror'

const DRAFTS = JSON.stringify([
  { text: 'Prefers train travel', reason: 'preference', messageIds: ['unknown-id'] },
  { text: 'Is planning a trip to Japan in April', reason: 'plan' },
])

describe('drafting suggestions with the session model', () => {
  let fx: ContinuityMirror
  let server: LoopbackServer
  let session: Session
  let ids: string[]

  async function useServer(host?: string): Promise<void> {
    server = await startLoopback(openAiWire, [{ type: 'stream', texts: ['Noted.'] }], {
      ...(host && { host }),
    })
    await fx.mirror.providerSettings.add({
      id: 'drafter',
      type: 'openai-compatible',
      label: 'Drafter',
      model: 'draft-1',
      baseUrl: `${server.url}/v1`,
      contextWindow: 8_000,
    })
  }

  beforeEach(async () => {
    fx = await continuityMirror()
    await fx.mirror.vault.init('drafting password')
    session = await fx.mirror.sessions.create({ title: 'Trip' })
    ids = []
    for (const [text, sensitive] of [
      ['I prefer trains over planes.\nAlways have.', false],
      ['My passport number is X1234567', true],
      ['What is the best month for Kyoto?', false],
    ] as const) {
      const sent = await fx.mirror.chat.send({
        sessionId: session.id,
        text,
        pattern: 'exploratory',
        uncertainty: 'none',
        sensitive,
      })
      await sent.completion
      ids.push(sent.userMessage.id)
    }
  })
  afterEach(async () => {
    await fx.cleanup()
    await server?.close()
  })

  it('sends the documented prompt to a local model and reads its JSON reply', async () => {
    await useServer()
    await fx.mirror.providerSettings.setDefault('drafter')
    server.setReplies([{ type: 'stream', texts: ['```json\n', DRAFTS, '\n```'] }])
    const report = await fx.mirror.memory.suggest(session.id)
    expect(server.requests).toHaveLength(1)
    const body = server.requests[0]!.body as WireBody
    expect(body.messages).toEqual([
      { role: 'system', content: DRAFT_SYSTEM_PROMPT },
      {
        role: 'user',
        content: [
          `[${ids[0]}] I prefer trains over planes. Always have.`,
          // A local model may read sensitive messages: nothing leaves the machine.
          `[${ids[1]}] My passport number is X1234567`,
          `[${ids[2]}] What is the best month for Kyoto?`,
        ].join('\n'),
      },
    ])
    expect(report.drafter).toBe('model')
    expect(report.suggestions.map((s) => [s.text, s.reason, s.messageIds])).toEqual([
      ['Prefers train travel', 'preference', []],
      ['Is planning a trip to Japan in April', 'fact', []],
    ])
  })

  it('falls back to the heuristics when the reply cannot be read', async () => {
    await useServer()
    await fx.mirror.providerSettings.setDefault('drafter')
    server.setReplies([{ type: 'stream', texts: ['Sure! Here are some memories: trains.'] }])
    const report = await fx.mirror.memory.suggest(session.id)
    expect(server.requests).toHaveLength(1)
    expect(report.drafter).toBe('heuristics')
    expect(report.suggestions.map((s) => s.text)).toEqual(['Prefers trains over planes'])
  })

  it('never asks a non-local model while the switch is on, nor shows it sensitive messages', async () => {
    await useServer(outwardAddress())
    await fx.mirror.providerSettings.setDefault('drafter')
    const before = server.requests.length
    const offline = await fx.mirror.memory.suggest(session.id)
    expect(server.requests).toHaveLength(before)
    expect(offline.drafter).toBe('heuristics')

    await fx.mirror.memory.setPrivacy({ localOnly: false })
    server.setReplies([{ type: 'stream', texts: ['[]'] }])
    const cloud = await fx.mirror.memory.suggest(session.id)
    expect(cloud).toMatchObject({ drafter: 'model', suggestions: [] })
    const sent = (server.requests.at(-1)!.body as WireBody).messages[1]!.content
    expect(sent).not.toContain('passport')
    expect(sent).not.toContain(ids[1])
    expect(sent).toContain(`[${ids[2]}] What is the best month for Kyoto?`)
  })
})

describe('reading a drafting reply', () => {
  const known = new Set(['m1', 'm2'])
  it('reads a JSON array, JSON lines and [], and refuses anything else', () => {
    expect(
      parseDraftReply(
        '[{"text":"Likes tea","reason":"preference","messageIds":["m1","zz"]}]',
        known,
      ),
    ).toEqual([{ text: 'Likes tea', reason: 'preference', messageIds: ['m1'] }])
    expect(parseDraftReply('{"text":"A"}\n{"text":"B","reason":"goal"}', known)).toEqual([
      { text: 'A', reason: 'fact', messageIds: [] },
      { text: 'B', reason: 'goal', messageIds: [] },
    ])
    expect(parseDraftReply(' [] ', known)).toEqual([])
    expect(parseDraftReply('No memories here.', known)).toBeNull()
    expect(parseDraftReply('[{"note":"no text"}]', known)).toBeNull()
    expect(parseDraftReply('{"text":"A"}\nnot json', known)).toBeNull()
    expect(parseDraftReply('', known)).toBeNull()
  })

  it('is the prompt docs/memory.md shows', () => {
    const doc = readFileSync(path.join(__dirname, '../../../docs/memory.md'), 'utf8')
    expect(doc).toContain(`\`\`\`\n${DRAFT_SYSTEM_PROMPT}\n\`\`\``)
  })
})
