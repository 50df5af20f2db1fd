import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { FIXTURES, fixture, snapshot, tempDir } from './helpers'
import { zipBuffer } from './zipHelpers'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function setup() {
  const storage = new MemoryStorage()
  return { storage, transfer: new TransferService({ storage }) }
}

const GARDEN = 'chatgpt-6a1f0c2e-1111-4c3b-9d7a-000000000001'
const BIRD = 'chatgpt-6a1f0c2e-2222-4c3b-9d7a-000000000002'
const SKY = 'chatgpt-6a1f0c2e-3333-4c3b-9d7a-000000000003'

describe('ChatGPT conversations.json', () => {
  it('shows the visible branch as the current path, without hidden system or tool messages', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importFiles([fixture('chatgpt/conversations.json')])
    expect(report.failed).toEqual([])
    expect(report.imported.map((r) => r.sessionId)).toEqual([GARDEN, BIRD, SKY])

    const garden = (await storage.listMessages(GARDEN)).items
    expect(garden.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant'])
    const text = garden.map((m) => m.content).join('\n')
    // Regenerated and edited-away branches are other versions, not on the path.
    for (const other of ['REGENERATED AWAY', 'EDITED AWAY']) expect(text).not.toContain(other)
    const all = (await storage.listTree(GARDEN)).items.map((m) => m.content).join('\n')
    expect(all).toContain('REGENERATED AWAY')
    expect(all).toContain('EDITED AWAY')
    // The hidden system prompt, the tool call and its output are in no version at all.
    for (const gone of ['You are ChatGPT', 'print(4', '16.0']) expect(all).not.toContain(gone)
    expect(garden[0]!.content).toBe('Which plants grow well in deep shade? ◊')
    expect(garden[3]!.content).toBe('About 16 ferns, spaced 50 cm apart.')
    expect(garden[1]!.model).toBe('gpt-4o')
    // Unix seconds (with fractions) become ISO UTC.
    expect(garden[0]!.createdAt).toBe(new Date(1700000010500).toISOString())
    const session = await storage.getSession(GARDEN)
    expect(session).toMatchObject({
      title: 'Planning a shade garden',
      createdAt: new Date(1700000000250).toISOString(),
      updatedAt: new Date(1700000900500).toISOString(),
      // The visible four and the two versions they replaced.
      messageCount: 6,
      currentLeafId: garden[3]!.id,
      archived: false,
    })
    expect(session.metadata).toMatchObject({ source: 'chatgpt', chatgptModel: 'gpt-4o' })
  })

  it('turns image parts into a placeholder and makes up a title when it is null', async () => {
    const { storage, transfer } = setup()
    await transfer.importFiles([fixture('chatgpt/conversations.json')])
    const [user, assistant] = (await storage.listMessages(BIRD)).items
    expect(user!.content).toBe(
      '[image]\n\nWhat kind of bird is sitting on this fence, and is it common in winter?',
    )
    expect(assistant!.content).toBe('It looks like a European robin.')
    const { title } = await storage.getSession(BIRD)
    expect(title.startsWith('What kind of bird is sitting on this fence')).toBe(true)
    expect(title.endsWith('…')).toBe(true)
    expect(title).not.toContain('[image]')
  })

  it('keeps a visible system message and uses `id` when conversation_id is missing', async () => {
    const { storage, transfer } = setup()
    await transfer.importFiles([fixture('chatgpt/conversations.json')])
    const sky = (await storage.listMessages(SKY)).items
    expect(sky.map((m) => [m.role, m.content])).toEqual([
      ['system', 'Answer in one sentence.'],
      ['user', 'Why is the sky blue?'],
      ['assistant', 'Rayleigh scattering ✦ favours short wavelengths.'],
    ])
    // No update_time: the last message's time.
    expect((await storage.getSession(SKY)).updatedAt).toBe(sky[2]!.createdAt)
  })

  it('gives stable ids, so a second import skips every conversation', async () => {
    const { storage, transfer } = setup()
    await transfer.importFiles([fixture('chatgpt/conversations.json')])
    const before = await snapshot(storage)
    const again = await transfer.importFiles([fixture('chatgpt/conversations.json')])
    expect(again.imported).toEqual([])
    expect(again.skipped.map((s) => s.sessionId)).toEqual([GARDEN, BIRD, SKY])
    expect(await snapshot(storage)).toEqual(before)
  })

  it('imports the good conversations of a file and names each bad one', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importFiles([fixture('chatgpt/partly-bad.json')])
    expect(report.imported.map((r) => r.sessionId)).toEqual([
      'chatgpt-pb-good-1',
      'chatgpt-pb-good-4',
    ])
    expect(report.failed).toHaveLength(2)
    expect(report.failed[0]).toMatchObject({
      file: 'chatgpt/partly-bad.json',
      code: 'IMPORT_INVALID',
    })
    expect(report.failed[0]!.reason).toMatch(
      /^conversation 2 "Broken tree" \(pb-broken-2\): .*missing/,
    )
    expect(report.failed[1]!.reason).toMatch(
      /^conversation 3 "No mapping" \(pb-nomap-3\): .*mapping/,
    )
    expect(report.skipped).toEqual([
      {
        file: 'chatgpt/partly-bad.json',
        sessionId: 'chatgpt-pb-good-1',
        reason: expect.stringContaining('appears more than once in this file'),
      },
    ])
    expect((await storage.getSession('chatgpt-pb-good-1')).title).toBe('Good one')
  })

  it('keeps the conversations before the point where a file is truncated', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importPaths([path.join(FIXTURES, 'chatgpt/truncated.json')])
    expect(report.imported.map((r) => r.sessionId)).toEqual(['chatgpt-tr-1'])
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]!.reason).toMatch(/malformed or truncated after 1 conversation/)
    expect((await snapshot(storage)).map((s) => s.session.id)).toEqual(['chatgpt-tr-1'])
  })

  it('reports a fault of the store as itself, not as malformed JSON in a good file', async () => {
    class BrokenStorage extends MemoryStorage {
      override importSession(): Promise<void> {
        return Promise.reject(new TypeError('the store broke'))
      }
    }
    const storage = new BrokenStorage()
    const transfer = new TransferService({ storage })
    const outcome = await transfer
      // Batches of one message: the store is written while the list is still being read.
      .importPaths([path.join(FIXTURES, 'chatgpt/conversations.json')], {
        limits: { importBatchMessages: 1 },
      })
      .then(
        (report) => ({ report, error: null }),
        (error: unknown) => ({ report: null, error }),
      )
    const reasons = outcome.report?.failed.map((f) => f.reason).join('\n') ?? ''
    expect(reasons).not.toMatch(/malformed or truncated/)
    expect(outcome.error ?? reasons).toBeTruthy()
    expect(String(outcome.error ?? reasons)).toMatch(/the store broke/)
  })

  it('refuses a JSON list that is not a ChatGPT export', async () => {
    const { transfer } = setup()
    const report = await transfer.importFiles([
      { name: 'list.json', content: '[{"id": "x", "messages": []}]' },
    ])
    expect(report.failed).toEqual([
      {
        file: 'list.json',
        code: 'IMPORT_UNSUPPORTED_FORMAT',
        reason: expect.stringContaining('not a ChatGPT conversations.json'),
      },
    ])
  })

  it('reads conversations.json out of the export zip and ignores the other files', async () => {
    const dir = tempDir()
    dirs.push(dir)
    const zip = await zipBuffer([
      { name: 'chat.html', content: '<html>not read</html>' },
      { name: 'user.json', content: '{"id": "user-1", "email": "x@example.com"}' },
      { name: 'message_feedback.json', content: '[]' },
      { name: 'file-AbC123.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
      { name: 'conversations.json', content: fixture('chatgpt/conversations.json').content },
    ])
    const file = path.join(dir, 'export-with-a-plain-name')
    writeFileSync(file, zip)
    const { storage, transfer } = setup()
    const report = await transfer.importPaths([file])
    expect(report.failed).toEqual([])
    expect(report.imported.map((r) => [r.file, r.sessionId])).toEqual([
      [`${file}/conversations.json`, GARDEN],
      [`${file}/conversations.json`, BIRD],
      [`${file}/conversations.json`, SKY],
    ])
    // The same sessions as from the bare file.
    const direct = setup()
    await direct.transfer.importFiles([fixture('chatgpt/conversations.json')])
    expect(await snapshot(storage)).toEqual(await snapshot(direct.storage))
  })
})
