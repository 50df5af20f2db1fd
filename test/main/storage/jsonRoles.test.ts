import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { at, makeMessage } from './helpers/fixtures'
import { readJson, tempStore } from './jsonStoreHelpers'
import type { JsonObject } from './jsonStoreHelpers'

// Issue 11: the ActiveMirrorOS SDK stores any role string; one `tool` message used to make the
// whole session file STORAGE_CORRUPT, so the session vanished from the list.
const ID = 'session_1732000000000_t00lr0le1'
const sdkMessage = (n: number, role: string, content: string): JsonObject => ({
  id: `msg_173200000${n}000_abcdefgh${n}`,
  sessionId: ID,
  role,
  content,
  timestamp: `2024-11-19T07:0${n}:00.000Z`,
  metadata: role === 'tool' ? { toolCallId: 'call_1' } : {},
})

let cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups) c()
  cleanups = []
})

function storeWithToolMessages(): string {
  const t = tempStore(false)
  cleanups.push(t.cleanup)
  mkdirSync(t.dir, { recursive: true })
  const messages = [
    sdkMessage(1, 'user', 'What is the weather at the lighthouse?'),
    sdkMessage(2, 'assistant', 'Let me check.'),
    sdkMessage(3, 'tool', '{"station": "Fastnet", "sky": "fog"}'),
    sdkMessage(4, 'function', 'visibility: 200 m'),
    sdkMessage(5, 'assistant', 'Fog, about 200 metres of visibility.'),
  ]
  const session = {
    id: ID,
    title: 'Weather with tools',
    userId: 'anonymous',
    createdAt: '2024-11-19T07:00:00.000Z',
    updatedAt: '2024-11-19T07:05:00.000Z',
    messageCount: messages.length,
    messages,
  }
  writeFileSync(join(t.dir, `${ID}.json`), JSON.stringify(session, null, 2))
  writeFileSync(
    join(t.dir, 'index.json'),
    JSON.stringify({ sessions: [ID], updatedAt: session.updatedAt }, null, 2),
  )
  return t.dir
}

it('lists and opens a session holding tool and function messages, roles kept', async () => {
  const dir = storeWithToolMessages()
  const s = await openJsonStorage(dir)
  try {
    expect(await s.problems()).toEqual([])
    expect((await s.listSessions()).items.map((x) => x.id)).toEqual([ID])
    const page = await s.listMessages(ID)
    expect(page.items.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'function',
      'assistant',
    ])
    expect(page.items[2]!.metadata).toEqual({ toolCallId: 'call_1' })
    const hits = await s.search('fastnet')
    expect(hits.map((h) => [h.messageId, h.role])).toEqual([[page.items[2]!.id, 'tool']])

    // Writing to the session keeps the foreign roles in the file, as the SDK wrote them.
    await s.appendMessage(makeMessage(ID, { role: 'tool', content: 'tide: low', createdAt: at(9) }))
  } finally {
    await s.close()
  }
  const file = readJson(dir, `${ID}.json`)
  const roles = (file.messages as JsonObject[]).map((m) => m.role)
  expect(roles).toEqual(['user', 'assistant', 'tool', 'function', 'assistant', 'tool'])
})
