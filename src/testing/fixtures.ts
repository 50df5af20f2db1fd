import { expect } from 'vitest'
import type { Message, Session } from '../shared/domain'
import { MirrorError } from '../shared/errors'
import type { ErrorCode } from '../shared/errors'

const BASE = Date.parse('2025-01-01T00:00:00.000Z')

/** ISO timestamp `n` seconds after a fixed base, so ordering in tests is explicit. */
export function at(n: number): string {
  return new Date(BASE + n * 1000).toISOString()
}

let counter = 0
const nextId = (prefix: string): string => `${prefix}_${Date.now()}_${(++counter).toString(36)}`

export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    id: nextId('session'),
    title: 'A session',
    createdAt: at(0),
    updatedAt: at(0),
    messageCount: 0,
    archived: false,
    metadata: {},
    currentLeafId: null,
    pinned: false,
    folderId: null,
    ...overrides,
  }
}

export function makeMessage(sessionId: string, overrides: Partial<Message> = {}): Message {
  return {
    id: nextId('msg'),
    sessionId,
    role: 'user',
    content: 'hello',
    createdAt: at(1),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
    ...overrides,
  }
}

/** A message with every field set, including typed and unknown metadata. */
export function makeRichMessage(sessionId: string, overrides: Partial<Message> = {}): Message {
  return makeMessage(sessionId, {
    role: 'assistant',
    content: 'I hear curiosity ◊ ✦ ★ ⬢ ⟨low⟩ and doubt ⟨⟨high⟩⟩ 🌱 naïve café',
    pattern: 'exploratory',
    uncertainty: 'medium',
    status: 'stopped',
    provider: 'offline',
    model: 'reflective-v1',
    metadata: {
      usage: { inputTokens: 12, outputTokens: null },
      reflection: {
        level: 'high',
        markers: [
          { level: 'low', index: 20, raw: '⟨low⟩' },
          { level: 'high', index: 37, raw: '⟨⟨high⟩⟩' },
        ],
        glyphs: ['◊', '✦', '★', '⬢'],
        depth: 3,
      },
      error: { code: 'CANCELLED', message: 'Stopped by you.' },
      sdkExtra: { nested: [1, 'two', { three: true }], empty: null },
    },
    ...overrides,
  })
}

/**
 * `messages` as storage returns a chain of them: each with its `parentId` (the one before it;
 * `first` for the first), and with `path: true` the version fields a path listing adds.
 */
export function chained(
  messages: readonly Message[],
  options: { first?: string | null; path?: boolean } = {},
): Message[] {
  let parentId = options.first ?? null
  return messages.map((m) => {
    const out: Message = { ...m, parentId }
    if (options.path) Object.assign(out, { versionIndex: 1, versionCount: 1 })
    parentId = m.id
    return out
  })
}

/** A single first message as stored (no parent). */
export function asRoot(message: Message): Message {
  return { ...message, parentId: null }
}

export async function expectMirrorError(
  promise: Promise<unknown>,
  code: ErrorCode,
): Promise<MirrorError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, `expected MirrorError ${code}`).toBeInstanceOf(MirrorError)
  expect((error as MirrorError).code).toBe(code)
  return error as MirrorError
}
