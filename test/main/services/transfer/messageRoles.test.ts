import { describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { at, makeMessage, makeSession } from '../../storage/helpers/fixtures'
import { snapshot } from './helpers'

function setup() {
  const storage = new MemoryStorage()
  return { storage, transfer: new TransferService({ storage }) }
}

async function seeded() {
  const ctx = setup()
  const session = makeSession({ title: 'Weather with tools' })
  await ctx.storage.createSession(session)
  for (const m of [
    makeMessage(session.id, { content: 'Weather at the lighthouse?', createdAt: at(1) }),
    makeMessage(session.id, {
      role: 'tool',
      content: '{"station": "Fastnet", "sky": "fog"}',
      createdAt: at(2),
      metadata: { toolCallId: 'call_1' },
    }),
    makeMessage(session.id, { role: 'function', content: 'visibility: 200 m', createdAt: at(3) }),
    makeMessage(session.id, { role: 'assistant', content: 'Fog.', createdAt: at(4) }),
  ]) {
    await ctx.storage.appendMessage(m)
  }
  return { ...ctx, session: await ctx.storage.getSession(session.id) }
}

describe('tool and function messages in exports and imports', () => {
  it.each(['json', 'markdown'] as const)('%s export keeps the role and imports back', async (f) => {
    const source = await seeded()
    const file = await source.transfer.exportSession(source.session.id, f)
    if (f === 'json') {
      const roles = (JSON.parse(file.content) as { messages: Array<{ role: string }> }).messages
      expect(roles.map((m) => m.role)).toEqual(['user', 'tool', 'function', 'assistant'])
    } else {
      expect(file.content).toContain('\n### 🛠️ Tool\n')
      expect(file.content).toContain('\n### 🧩 Function\n')
    }
    const target = setup()
    const report = await target.transfer.importFiles([
      { name: file.fileName, content: file.content },
    ])
    expect(report.failed).toEqual([])
    expect(await snapshot(target.storage)).toEqual(await snapshot(source.storage))
  })

  it('imports a JS SDK session file whose messages include tool and function roles', async () => {
    const { storage, transfer } = setup()
    const id = 'session_1730000000000_t00lr0le1'
    const message = (n: number, role: string, content: string) => ({
      id: `msg_173000000000${n}_abcdefgh${n}`,
      sessionId: id,
      role,
      content,
      timestamp: `2025-11-14T10:00:0${n}.000Z`,
      metadata: {},
    })
    const file = {
      id,
      title: 'JS SDK with tools',
      userId: 'anonymous',
      createdAt: '2025-11-14T10:00:00.000Z',
      updatedAt: '2025-11-14T10:00:03.000Z',
      messageCount: 3,
      messages: [
        message(1, 'user', 'Weather?'),
        message(2, 'tool', 'fog'),
        message(3, 'function', 'visibility 200 m'),
      ],
    }
    const report = await transfer.importFiles([
      { name: 'session.json', content: JSON.stringify(file) },
    ])
    expect(report.failed).toEqual([])
    const roles = (await storage.listMessages(id)).items.map((m) => m.role)
    expect(roles).toEqual(['user', 'tool', 'function'])
  })

  it('reads `### tool` and `### function` headings of an SDK Markdown export as those roles', async () => {
    const { storage, transfer } = setup()
    const id = 'a1b2c3d4-0000-4000-8000-00000000abcd'
    const md = [
      '# Tools in Markdown',
      '',
      `**Session ID**: ${id}`,
      '**Created**: 2025-11-14T10:00:00',
      '',
      '### 👤 user',
      '',
      'Weather?',
      '',
      '*2025-11-14T10:00:01*',
      '',
      '### 🔧 tool',
      '',
      'fog',
      '',
      '*2025-11-14T10:00:02*',
      '',
      '### Function',
      '',
      'visibility 200 m',
      '',
      '*2025-11-14T10:00:03*',
      '',
    ].join('\n')
    const report = await transfer.importFiles([{ name: 'tools.md', content: md }])
    expect(report.failed).toEqual([])
    const items = (await storage.listMessages(id)).items
    expect(items.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Weather?'],
      ['tool', 'fog'],
      ['function', 'visibility 200 m'],
    ])
  })
})
