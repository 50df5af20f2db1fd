import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { SENSITIVE_PLACEHOLDER } from '../../../src/main/services/transfer/transferService'
import { expectCode, mirrorFixture, VAULT_PASSWORD } from './helpers/mirrorFixture'
import type { MirrorFixture } from './helpers/mirrorFixture'

const SECRET = 'export-secret-MAGENTA-IBEX'

let fx: MirrorFixture | null = null
beforeAll(() => {
  process.env.AMOS_OFFLINE_DELAY_MS = '0'
})
afterEach(async () => {
  await fx?.cleanup()
  fx = null
})

async function sessionWithSecret(fixture: MirrorFixture): Promise<string> {
  const { mirror } = fixture
  await mirror.vault.init(VAULT_PASSWORD)
  const session = await mirror.sessions.create({ title: 'Mixed' })
  for (const [text, sensitive] of [
    ['an ordinary question', false],
    [SECRET, true],
  ] as const) {
    const sent = await mirror.chat.send({
      sessionId: session.id,
      text,
      pattern: 'exploratory',
      uncertainty: 'none',
      sensitive,
    })
    await sent.completion
  }
  return session.id
}

describe('exporting a session that holds sensitive messages', () => {
  it.each(['json', 'markdown'] as const)(
    '%s: placeholders by default, the text only when asked and unlocked',
    async (format) => {
      fx = await mirrorFixture()
      const id = await sessionWithSecret(fx)
      const { mirror } = fx

      const placeholders = await mirror.transfer.exportSession(id, format)
      expect(placeholders.sensitiveMessages).toBe(2)
      expect(placeholders.content).not.toContain('MAGENTA-IBEX')
      expect(placeholders.content).toContain(SENSITIVE_PLACEHOLDER)
      expect(placeholders.content).toContain('an ordinary question')

      const included = await mirror.transfer.exportSession(id, format, { includeSensitive: true })
      expect(included.content).toContain(SECRET)
      expect(included.content).not.toContain(SENSITIVE_PLACEHOLDER)

      mirror.vault.lock()
      await expectCode(
        mirror.transfer.exportSession(id, format, { includeSensitive: true }),
        'VAULT_LOCKED',
      )
      const lockedDefault = await mirror.transfer.exportSession(id, format)
      expect(lockedDefault.content).toBe(placeholders.content)
    },
  )

  it('a JSON export with the text included imports back as sealed sensitive messages', async () => {
    fx = await mirrorFixture()
    const id = await sessionWithSecret(fx)
    const { mirror } = fx
    const file = await mirror.transfer.exportSession(id, 'json', { includeSensitive: true })
    const parsed = JSON.parse(file.content) as { messages: Array<{ metadata: object }> }
    // Read-time flags of this process never travel in a file.
    for (const m of parsed.messages) expect(m.metadata).not.toHaveProperty('sealed')
    await mirror.sessions.delete(id)
    const report = await mirror.transfer.importFiles([{ name: 'back.json', content: file.content }])
    expect(report.imported).toHaveLength(1)
    const messages = (await mirror.sessions.messages(id)).items
    expect(messages.map((m) => m.content)).toContain(SECRET)
    expect(messages.filter((m) => m.sensitive).every((m) => m.metadata.sealed === true)).toBe(true)
  })
})
