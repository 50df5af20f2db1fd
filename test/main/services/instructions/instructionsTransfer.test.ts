import { afterEach, describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { at, makeMessage, makeSession } from '../../storage/helpers/fixtures'
import { continuityMirror } from '../../continuity/helpers/mirror'
import type { TempMirror } from '../../helpers/tempMirror'

const INSTRUCTIONS = { text: 'Reply in haiku.\n\nNever use emoji.', mode: 'replace' }
const PERSONA = { id: 'persona_1_abc', name: 'Poet' }

async function seeded() {
  const storage = new MemoryStorage()
  const session = makeSession({
    title: 'Poems',
    metadata: {
      instructions: INSTRUCTIONS,
      persona: PERSONA,
      preferences: { pattern: 'creative', uncertainty: 'none' },
    },
  })
  await storage.createSession(session)
  await storage.appendMessage(makeMessage(session.id, { content: 'A poem?', createdAt: at(1) }))
  return { storage, transfer: new TransferService({ storage }), session }
}

let fx: TempMirror | null = null
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

describe('session instructions and persona in export and import', () => {
  it('native JSON export → import keeps session instructions and persona', async () => {
    const source = await seeded()
    const file = await source.transfer.exportSession(source.session.id, 'json')
    const target = new MemoryStorage()
    const report = await new TransferService({ storage: target }).importFiles([
      { name: file.fileName, content: file.content },
    ])
    expect(report.imported).toHaveLength(1)
    const back = await target.getSession(source.session.id)
    expect(back.metadata['instructions']).toEqual(INSTRUCTIONS)
    expect(back.metadata['persona']).toEqual(PERSONA)
  })

  it('Markdown export shows the session instructions and persona, and still imports', async () => {
    const source = await seeded()
    const file = await source.transfer.exportSession(source.session.id, 'markdown')
    expect(file.content).toContain('- **Persona**: Poet')
    expect(file.content).toContain(
      '- **Session instructions** (replacing the global instructions):\n\n> Reply in haiku.\n>\n> Never use emoji.\n',
    )
    const target = new MemoryStorage()
    await new TransferService({ storage: target }).importFiles([
      { name: file.fileName, content: file.content },
    ])
    expect((await target.getSession(source.session.id)).metadata['instructions']).toEqual(
      INSTRUCTIONS,
    )
  })

  it('the continuity log records no instruction text', async () => {
    fx = await continuityMirror()
    const { mirror } = fx
    await mirror.instructions.setGlobal('GLOBAL-SECRET-PHRASE')
    const persona = await mirror.instructions.addPersona({
      name: 'Poet',
      instructions: 'PERSONA-SECRET-PHRASE',
    })
    const session = await mirror.instructions.createSession({ title: 'Log', personaId: persona.id })
    await mirror.instructions.setSession(session.id, { text: 'SESSION-SECRET-PHRASE', mode: 'add' })
    const sent = await mirror.chat.send({
      sessionId: session.id,
      text: 'Hello',
      pattern: 'creative',
      uncertainty: 'none',
    })
    await sent.completion
    const log = JSON.stringify(await mirror.continuity.log.list({ limit: 500 }))
    expect(log).toContain(session.id)
    expect(log).not.toMatch(/SECRET-PHRASE/)
  })
})
