import { describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { PATTERN_INFO } from '../../../../src/shared/patterns'
import {
  at,
  expectMirrorError,
  makeMessage,
  makeRichMessage,
  makeSession,
} from '../../storage/helpers/fixtures'
import { fixture, snapshot } from './helpers'

function setup() {
  const storage = new MemoryStorage()
  return { storage, transfer: new TransferService({ storage }) }
}

async function seeded() {
  const ctx = setup()
  const session = makeSession({
    title: 'Garden / plans: 2025?',
    archived: true,
    metadata: { preferences: { pattern: 'strategic', uncertainty: 'high' }, userId: 'ada' },
  })
  await ctx.storage.createSession(session)
  const messages = [
    makeMessage(session.id, {
      content: 'First ⟨low⟩ line',
      createdAt: at(1),
      pattern: 'strategic',
    }),
    makeRichMessage(session.id, { createdAt: at(2), sensitive: true }),
    makeMessage(session.id, { role: 'system', content: 'sys', createdAt: at(3) }),
  ]
  for (const m of messages) await ctx.storage.appendMessage(m)
  return { ...ctx, session: await ctx.storage.getSession(session.id), messages }
}

describe('TransferService.importFiles', () => {
  it('imports each format, then skips the same files on a second import', async () => {
    const { storage, transfer } = setup()
    const files = ['native-session.json', 'js-sdk-session.json', 'python-sdk-session.json'].map(
      fixture,
    )
    const first = await transfer.importFiles(files)
    expect(first.failed).toEqual([])
    expect(first.imported.map((r) => r.file)).toEqual(files.map((f) => f.name))
    const before = await snapshot(storage)
    expect(before).toHaveLength(3)

    const second = await transfer.importFiles(files)
    expect(second.imported).toEqual([])
    expect(second.skipped.map((r) => r.sessionId)).toEqual(first.imported.map((r) => r.sessionId))
    expect(await snapshot(storage)).toEqual(before)
  })

  it('imports the good files of a batch, reports the bad ones and stores nothing from them', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importFiles([
      fixture('bad/empty.json'),
      fixture('js-sdk-session.json'),
      fixture('bad/truncated.json'),
      fixture('bad/wrong-shape.json'),
      fixture('bad/bad-role.json'),
    ])
    expect(report.imported.map((r) => r.file)).toEqual(['js-sdk-session.json'])
    expect(report.failed.map((f) => [f.file, f.code])).toEqual([
      ['bad/empty.json', 'IMPORT_INVALID'],
      ['bad/truncated.json', 'IMPORT_INVALID'],
      ['bad/wrong-shape.json', 'IMPORT_UNSUPPORTED_FORMAT'],
      ['bad/bad-role.json', 'IMPORT_INVALID'],
    ])
    const stored = await snapshot(storage)
    expect(stored.map((s) => s.session.id)).toEqual(['session_1730000000000_ab12cd34e'])
  })

  it('gives fresh ids to messages whose ids another stored session uses, changing nothing stored', async () => {
    const { storage, transfer } = setup()
    await transfer.importFiles([fixture('js-sdk-session.json')])
    const before = await snapshot(storage)
    const clash = JSON.parse(fixture('js-sdk-session.json').content) as Record<string, unknown>
    clash.id = 'session_1730000000000_other0001'
    const report = await transfer.importFiles([
      { name: 'clash.json', content: JSON.stringify(clash) },
    ])
    expect(report.failed).toEqual([])
    expect(report.imported.map((r) => r.sessionId)).toEqual(['session_1730000000000_other0001'])
    const [original] = before
    const copy = (await storage.listMessages('session_1730000000000_other0001')).items
    expect(copy.map((m) => m.content)).toEqual(original!.messages.map((m) => m.content))
    expect(copy.map((m) => m.metadata.importedId)).toEqual(original!.messages.map((m) => m.id))
    expect(copy.some((m) => original!.messages.some((o) => o.id === m.id))).toBe(false)
    expect((await snapshot(storage)).filter((s) => s.session.id === original!.session.id)).toEqual(
      before,
    )
  })
})

describe('TransferService.exportSession', () => {
  it('native JSON is the SDK session object plus format, version and our fields', async () => {
    const { transfer, session, messages } = await seeded()
    const file = await transfer.exportSession(session.id, 'json', { includeSensitive: true })
    expect(file.mimeType).toBe('application/json')
    expect(file.fileName).toBe('Garden plans 2025.json')
    const json = JSON.parse(file.content) as Record<string, unknown> & {
      messages: Array<Record<string, unknown>>
    }
    expect(json).toMatchObject({
      format: 'activemirror.session',
      version: 2,
      id: session.id,
      title: session.title,
      userId: 'ada',
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      messageCount: 3,
      archived: true,
      metadata: session.metadata,
      currentLeafId: messages[2]!.id,
      otherVersions: [],
    })
    expect(json.messages).toHaveLength(3)
    const rich = messages[1]!
    expect(json.messages[1]).toEqual({
      id: rich.id,
      sessionId: session.id,
      role: rich.role,
      content: rich.content,
      timestamp: rich.createdAt,
      metadata: rich.metadata,
      pattern: rich.pattern,
      uncertainty: rich.uncertainty,
      sensitive: true,
      status: rich.status,
      provider: rich.provider,
      model: rich.model,
      parentId: messages[0]!.id,
      versionIndex: 1,
    })
  })

  it('round-trips through native JSON into an empty store unchanged', async () => {
    const source = await seeded()
    const file = await source.transfer.exportSession(source.session.id, 'json', {
      includeSensitive: true,
    })
    const target = setup()
    const report = await target.transfer.importFiles([
      { name: file.fileName, content: file.content },
    ])
    expect(report.imported).toHaveLength(1)
    expect(await snapshot(target.storage)).toEqual(await snapshot(source.storage))
  })

  it('Markdown has the title, metadata lines, role headings, glyphs and verbatim content', async () => {
    const { transfer, session, messages } = await seeded()
    const file = await transfer.exportSession(session.id, 'markdown', { includeSensitive: true })
    expect(file.mimeType).toBe('text/markdown')
    expect(file.fileName).toBe('Garden plans 2025.md')
    const md = file.content
    expect(md.startsWith(`# ${session.title}\n`)).toBe(true)
    expect(md).toContain(`**Session ID**: ${session.id}`)
    expect(md).toContain('**Archived**: yes')
    expect(md).toContain(`### 👤 User · ${PATTERN_INFO.strategic.glyph} Strategic`)
    expect(md).toContain(`### 🤖 Assistant · ${PATTERN_INFO.exploratory.glyph} Exploratory`)
    expect(md).toContain('### ⚙️ System')
    for (const m of messages) {
      expect(md).toContain(`\n${m.content}\n`)
      expect(md).toContain(`*${m.createdAt}`)
    }
    // Messages appear in conversation order.
    const positions = messages.map((m) => md.indexOf(m.content))
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('pages through long sessions so every message is exported, oldest first', async () => {
    const { storage, transfer } = setup()
    const session = makeSession()
    await storage.createSession(session)
    for (let i = 0; i < 1203; i++) {
      await storage.appendMessage(makeMessage(session.id, { content: `m${i}`, createdAt: at(i) }))
    }
    const json = JSON.parse((await transfer.exportSession(session.id, 'json')).content) as {
      messages: Array<{ content: string }>
    }
    expect(json.messages.map((m) => m.content)).toEqual(
      Array.from({ length: 1203 }, (_, i) => `m${i}`),
    )
  })

  it('fails with NOT_FOUND for an unknown session', async () => {
    const { transfer } = setup()
    await expectMirrorError(transfer.exportSession('session_nope', 'json'), 'NOT_FOUND')
  })
})
