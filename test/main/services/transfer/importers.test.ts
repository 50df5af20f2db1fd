import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseImportFile } from '../../../../src/main/services/transfer/import/importDetect'
import { localTimestamp } from '../../../../src/main/services/transfer/import/importShared'
import { MirrorError } from '../../../../src/shared/errors'
import { fixture } from './helpers'

function failure(content: string): MirrorError {
  try {
    parseImportFile(content)
  } catch (error) {
    if (error instanceof MirrorError) return error
    throw error
  }
  throw new Error('expected the import to fail')
}

describe('format detection (by content)', () => {
  it('recognises the three formats whatever the file is called', () => {
    expect(parseImportFile(fixture('native-session.json').content).format).toBe('activemirror')
    expect(parseImportFile(fixture('js-sdk-session.json').content).format).toBe('jsSdk')
    expect(parseImportFile(fixture('python-sdk-session.json').content).format).toBe('pythonSdk')
  })

  it('reads a file that starts with a byte-order mark', () => {
    const { parsed } = parseImportFile(`\uFEFF${fixture('js-sdk-session.json').content}`)
    expect(parsed.session.id).toBe('session_1730000000000_ab12cd34e')
  })

  it.each([
    ['an empty file', '', 'IMPORT_INVALID', /empty/],
    ['only whitespace', ' \n\t ', 'IMPORT_INVALID', /empty/],
    [
      'truncated JSON',
      fixture('bad/truncated.json').content,
      'IMPORT_INVALID',
      /malformed or truncated/,
    ],
    ['plain text', fixture('bad/notes.txt').content, 'IMPORT_UNSUPPORTED_FORMAT', /not JSON/],
    ['a JSON list', '[1, 2]', 'IMPORT_UNSUPPORTED_FORMAT', /a list/],
    ['a JSON number', '42', 'IMPORT_UNSUPPORTED_FORMAT', /not an object/],
    [
      'JSON of another shape',
      fixture('bad/wrong-shape.json').content,
      'IMPORT_UNSUPPORTED_FORMAT',
      /messages/,
    ],
    [
      'an SDK store index',
      fixture('bad/sdk-index.json').content,
      'IMPORT_UNSUPPORTED_FORMAT',
      /index\.json/,
    ],
    ['a wrong role', fixture('bad/bad-role.json').content, 'IMPORT_INVALID', /messages\.1\.role/],
    [
      'an unknown format tag',
      '{"format":"other.thing","messages":[]}',
      'IMPORT_UNSUPPORTED_FORMAT',
      /other\.thing/,
    ],
    [
      'a newer native version',
      '{"format":"activemirror.session","version":3,"messages":[]}',
      'IMPORT_UNSUPPORTED_FORMAT',
      /version 3 is not supported \(this app reads versions up to 2\)/,
    ],
  ])('rejects %s with a one-line reason', (_label, content, code, reason) => {
    const error = failure(content)
    expect(error.code).toBe(code)
    expect(error.message).toMatch(reason)
    expect(error.message).not.toContain('\n')
  })

  it('refuses session ids that could escape a JSON store folder', () => {
    const raw = JSON.parse(fixture('js-sdk-session.json').content) as Record<string, unknown>
    for (const id of ['../evil', 'a/b', '.hidden', '']) {
      const error = failure(JSON.stringify({ ...raw, id }))
      expect(error.code).toBe('IMPORT_INVALID')
      expect(error.message).toContain('id')
    }
  })

  it('refuses a bad timestamp and a message id used twice', () => {
    const raw = JSON.parse(fixture('js-sdk-session.json').content) as {
      messages: Array<Record<string, unknown>>
    }
    const badTime = structuredClone(raw)
    badTime.messages[0]!.timestamp = 'yesterday'
    expect(failure(JSON.stringify(badTime)).message).toMatch(/messages\.0\.timestamp/)
    const twice = structuredClone(raw)
    twice.messages[1]!.id = twice.messages[0]!.id
    expect(failure(JSON.stringify(twice)).message).toMatch(/appears twice/)
  })
})

describe('JS SDK sessions', () => {
  it('keep ids, timestamps and content verbatim, and unknown fields in metadata', () => {
    const { session, messages } = parseImportFile(fixture('js-sdk-session.json').content).parsed
    expect(session).toMatchObject({
      id: 'session_1730000000000_ab12cd34e',
      title: 'JS SDK: choosing a direction',
      createdAt: '2025-11-14T10:00:00.000Z',
      updatedAt: '2025-11-14T10:00:02.000Z',
      messageCount: 2,
      archived: false,
      // The SDK's default userId ('anonymous') says nothing and is not kept, as the JSON store reads it.
      metadata: { sdkFields: { workspace: 'home' } },
    })
    expect(messages.map((m) => m.content)).toEqual([
      'Should I take the lighthouse keeper job?',
      '◊ What draws you to the lighthouse? ⟨medium⟩ The solitude, or the light? ✧',
    ])
    expect(messages[1]).toMatchObject({
      sessionId: session.id,
      role: 'assistant',
      createdAt: '2025-11-14T10:00:02.000Z',
      pattern: 'exploratory',
      status: 'complete',
      sensitive: false,
    })
  })

  it('move a foreign-shaped typed metadata key aside instead of trusting it', () => {
    const { messages } = parseImportFile(fixture('js-sdk-session.json').content).parsed
    expect(messages[1]!.metadata.usage).toBeUndefined()
    expect(messages[1]!.metadata.importedUsage).toEqual({ prompt_tokens: 12 })
  })
})

describe('Python SDK sessions', () => {
  const savedTz = process.env.TZ
  beforeAll(() => {
    // +05:30 all year: naive timestamps must be read as this local time.
    process.env.TZ = 'Asia/Kolkata'
  })
  afterAll(() => {
    process.env.TZ = savedTz
  })

  it('read naive timestamps as local time and store them as ISO UTC', () => {
    const { session, messages } = parseImportFile(fixture('python-sdk-session.json').content).parsed
    expect(session.createdAt).toBe('2025-11-14T04:30:00.123Z')
    expect(session.updatedAt).toBe('2025-11-14T04:30:05.500Z')
    expect(messages.map((m) => m.createdAt)).toEqual([
      '2025-11-14T04:30:01.250Z',
      '2025-11-14T04:30:05.500Z',
    ])
  })

  it('honour a timestamp that carries its zone', () => {
    expect(localTimestamp('2025-11-14T10:00:00+00:00', 'x')).toBe('2025-11-14T10:00:00.000Z')
    expect(localTimestamp('2025-11-14 10:00', 'x')).toBe('2025-11-14T04:30:00.000Z')
  })

  it('map snake_case fields and status archived onto the session', () => {
    const { session, messages } = parseImportFile(fixture('python-sdk-session.json').content).parsed
    expect(session).toMatchObject({
      id: '7f1c1a52-3b7e-4f0e-9a53-2d3c5b1e9a10',
      title: 'Python SDK: the unfinished novel',
      archived: true,
      messageCount: 2,
      metadata: { source: 'notebook' },
    })
    expect(messages[1]).toMatchObject({
      id: '0b9f6a2e-8d41-4c3a-a2f1-5e6d7c8b9a02',
      sessionId: session.id,
      content: '⬢ What would finishing it change? ⟨low⟩ ☆',
      metadata: { depth: 2 },
    })
  })
})
