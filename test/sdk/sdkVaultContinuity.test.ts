import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { expectMirrorError } from '../main/storage/helpers/fixtures'
import { sdkMirrors } from './helpers/sdkTemp'

const mirrors = sdkMirrors()
afterEach(() => mirrors.cleanup())

const PASSWORD = 'correct horse battery'

describe('SDK vault, continuity, reflection, providers and transfer', () => {
  it('keeps entries and sensitive messages in the vault, readable only while unlocked', async () => {
    const mirror = await mirrors.open()
    const locks: string[] = []
    mirror.on('vaultLocked', ({ reason }) => locks.push(reason))
    await expectMirrorError(mirror.vault.entries.list(), 'VAULT_LOCKED')
    expect((await mirror.vault.init(PASSWORD)).unlocked).toBe(true)
    await mirror.vault.entries.set('favourite-tree', 'oak', { category: 'preferences' })
    expect((await mirror.vault.entries.get('favourite-tree'))?.value).toBe('oak')

    const session = await mirror.sessions.create({ title: 'Private' })
    const reply = await mirror.send({ sessionId: session.id, text: 'my secret', sensitive: true })
    const { message: answer } = await reply.completion
    // The reply to a sensitive message is sensitive too.
    expect(answer?.sensitive).toBe(true)
    expect((await mirror.vault.stats()).messages).toBe(2)

    mirror.vault.lock()
    expect(mirror.vault.unlocked).toBe(false)
    expect(locks).toEqual(['manual'])
    await expectMirrorError(mirror.vault.entries.get('favourite-tree'), 'VAULT_LOCKED')
    for (const locked of (await mirror.sessions.messages(session.id)).items) {
      expect(locked).toMatchObject({ sensitive: true, content: '' })
      expect(locked.metadata).toMatchObject({ locked: true })
    }
    // The text is nowhere in the sessions database.
    const db = readFileSync(`${mirror.dataDir}/activemirror.db`)
    expect(db.includes(Buffer.from('my secret'))).toBe(false)

    await expectMirrorError(mirror.vault.unlock('wrong password'), 'VAULT_BAD_PASSWORD')
    await mirror.vault.unlock(PASSWORD)
    expect((await mirror.sessions.messages(session.id)).items[0]?.content).toBe('my secret')
  })

  it('logs to the continuity chain and verifies it', async () => {
    const mirror = await mirrors.open()
    const session = await mirror.sessions.create({ title: 'Logged' })
    await mirror.sessions.rename(session.id, 'Logged again')
    const page = await mirror.continuity.log({ limit: 10 })
    expect(page.items.length).toBeGreaterThan(0)
    expect(await mirror.continuity.verify()).toMatchObject({ ok: true })
    expect(mirror.continuity.renameIdentity('Ada').displayName).toBe('Ada')
    expect(mirror.continuity.identity().displayName).toBe('Ada')
    const settings = await mirror.continuity.memorySettings(session.id)
    const flipped = await mirror.continuity.setMemorySettings(session.id, {
      recall: !settings.recall,
    })
    expect(flipped.recall).toBe(!settings.recall)
  })

  it('exports a session and imports it into another mirror', async () => {
    const source = await mirrors.open()
    const session = await source.sessions.create({ title: 'Moving house' })
    await (
      await source.send({ sessionId: session.id, text: 'Boxes first?' })
    ).completion
    const file = await source.transfer.exportSession(session.id, 'json')

    const target = await mirrors.open({ storage: 'json' })
    const report = await target.transfer.importFiles([
      { name: file.fileName, content: file.content },
    ])
    expect(report.imported.map((i) => i.title)).toEqual(['Moving house'])
    const [imported] = (await target.sessions.list()).items
    const messages = (await target.sessions.messages(imported!.id)).items
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(messages[0]?.content).toBe('Boxes first?')
  })

  it('refuses arguments of the wrong shape (imports, zip path, listener, analyze) with typed errors', async () => {
    const mirror = await mirrors.open()
    await expectMirrorError(
      mirror.transfer.importFiles('notes.json' as unknown as []),
      'VALIDATION_FAILED',
    )
    await expectMirrorError(
      mirror.transfer.importFiles([{ name: 'a.json' }] as unknown as []),
      'VALIDATION_FAILED',
    )
    await expectMirrorError(
      mirror.transfer.importPaths('notes.json' as unknown as []),
      'VALIDATION_FAILED',
    )
    await expectMirrorError(
      mirror.transfer.writeAllZip(42 as unknown as string),
      'VALIDATION_FAILED',
    )
    expect(() => mirror.on('change', 'log' as unknown as () => void)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    )
    expect(() => mirror.reflection.analyze(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    )
    expect((await mirror.sessions.list()).items).toEqual([])
  })

  it('reads reflection markers and lists providers', async () => {
    const mirror = await mirrors.open()
    expect(mirror.reflection.patterns).toContain('analytical')
    expect(mirror.reflection.analyze('Perhaps ⟨⟨high⟩⟩ ◊').level).toBe('high')
    expect(mirror.reflection.systemPrompt('strategic', 'medium')).toMatch(/strateg/i)
    const providers = await mirror.providers.list()
    expect(providers.defaultProviderId).toBe('offline')
    await expectMirrorError(mirror.providers.use('missing'), 'PROVIDER_NOT_CONFIGURED')
  })
})
