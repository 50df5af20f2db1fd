import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { FIXTURES, fixture, snapshot } from './helpers'

function setup() {
  const storage = new MemoryStorage()
  return { storage, transfer: new TransferService({ storage }) }
}

const STORE = 'js-sdk-store-shared-ids'
const EXPORTED_ID = 'session_1796407698055_fp0mo8oba'

interface SdkFile {
  title: string
  messages: Array<{ role: string; content: string; timestamp: string }>
}

/** The session as the JS SDK stored it, next to its Markdown export written by the same SDK. */
function storedBySdk(): SdkFile {
  const file = path.join(FIXTURES, STORE, `${EXPORTED_ID}.json`)
  return JSON.parse(readFileSync(file, 'utf8')) as SdkFile
}

/** A session in the SDKs' Markdown layout: Python joins lines with `\n`, content verbatim. */
function sdkMarkdown(messages: Array<[heading: string, content: string]>): string {
  const lines = [
    '# Headings',
    '',
    '**Session ID**: sdk-md-1',
    '**Created**: 2025-11-14T10:00:00.000Z',
    '',
    '## Messages',
    '',
  ]
  messages.forEach(([heading, content], i) => {
    lines.push(heading, '', content, '', `*2025-11-14T10:0${i}:00.000Z*`, '')
  })
  return lines.join('\n')
}

describe('ActiveMirrorOS JS SDK Markdown export', () => {
  it('imports all six messages with the content the SDK stored, line endings included', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importFiles([fixture('js-sdk-export.md')])
    expect(report.failed).toEqual([])
    expect(report.imported.map((r) => r.sessionId)).toEqual([EXPORTED_ID])
    const sdk = storedBySdk()
    const messages = (await storage.listMessages(EXPORTED_ID)).items
    expect(messages.map((m) => [m.role, m.content, m.createdAt])).toEqual(
      sdk.messages.map((m) => [m.role, m.content, m.timestamp]),
    )
    // What the fixture holds: CRLF, a lone CR, and a quoted heading that stays content.
    expect(messages[1]!.content).toBe(
      'Line one\r\nline two (CRLF)\r\n\r\nand a lone\rcarriage return',
    )
    expect(messages[3]!.content).toContain('\n### 👤 user\n')
    expect((await storage.getSession(EXPORTED_ID)).title).toBe(sdk.title)

    const again = await transfer.importFiles([fixture('js-sdk-export.md')])
    expect(again.imported).toEqual([])
    expect(again.skipped.map((s) => s.sessionId)).toEqual([EXPORTED_ID])
  })

  it('reads role headings in any case, with any emoji or none', async () => {
    const { storage, transfer } = setup()
    const text = sdkMarkdown([
      ['### 👤 User', 'a'],
      ['### 👤 user', 'b'],
      ['### 🤖 ASSISTANT', 'c'],
      ['### system', 'd'],
      ['### ⚙️ System', 'e'],
      ['### ❓ aSSiStant', 'f'],
    ])
    const report = await transfer.importFiles([{ name: 'headings.md', content: text }])
    expect(report.failed).toEqual([])
    const messages = (await storage.listMessages('sdk-md-1')).items
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'a'],
      ['user', 'b'],
      ['assistant', 'c'],
      ['system', 'd'],
      ['system', 'e'],
      ['assistant', 'f'],
    ])
  })

  it('keeps CRLF and lone CR inside content in the Python layout, and in a file saved with CRLF', async () => {
    const { storage, transfer } = setup()
    const contents = ['one\r\ntwo\r\n', 'lone\rcr\r', '\r\nstarts and ends\r\n\r\n']
    const lf = sdkMarkdown(contents.map((c, i) => [i % 2 ? '### 🤖 Assistant' : '### 👤 User', c]))
    expect((await transfer.importFiles([{ name: 'lf.md', content: lf }])).failed).toEqual([])
    expect((await storage.listMessages('sdk-md-1')).items.map((m) => m.content)).toEqual(contents)

    // An editor that saved the whole file with CRLF: the content is kept as the file has it.
    const crlf = sdkMarkdown([
      ['### 👤 User', 'first\nsecond'],
      ['### 🤖 Assistant', 'reply'],
    ])
      .replace(/\n/g, '\r\n')
      .replace('sdk-md-1', 'sdk-md-2')
    expect((await transfer.importFiles([{ name: 'crlf.md', content: crlf }])).failed).toEqual([])
    expect((await storage.listMessages('sdk-md-2')).items.map((m) => m.content)).toEqual([
      'first\r\nsecond',
      'reply',
    ])
  })

  it('refuses message text that no heading claims, storing nothing (never an empty session)', async () => {
    const { storage, transfer } = setup()
    const noHeadings = fixture('js-sdk-export.md').content.replace(/^### /gm, '#### ')
    const report = await transfer.importFiles([{ name: 'no-headings.md', content: noHeadings }])
    expect(report.imported).toEqual([])
    expect(report.failed).toEqual([
      {
        file: 'no-headings.md',
        code: 'IMPORT_INVALID',
        reason: expect.stringMatching(
          /^found message text but no message heading for it \(line \d+:/,
        ),
      },
    ])
    expect(await snapshot(storage)).toEqual([])
  })

  it('refuses a heading in the SDK shape whose role ActiveMirror does not know', async () => {
    const { storage, transfer } = setup()
    const text = sdkMarkdown([
      ['### 👤 user', 'hello'],
      ['### ❓ Narrator', 'once upon a time'],
    ])
    const report = await transfer.importFiles([{ name: 'narrator.md', content: text }])
    expect(report.failed).toEqual([
      {
        file: 'narrator.md',
        code: 'IMPORT_INVALID',
        reason: expect.stringContaining(
          'names the role "Narrator", which ActiveMirror does not know',
        ),
      },
    ])
    expect(await snapshot(storage)).toEqual([])
  })

  it('still imports an SDK export of a session with no messages', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importFiles([{ name: 'empty.md', content: sdkMarkdown([]) }])
    expect(report.failed).toEqual([])
    expect((await storage.getSession('sdk-md-1')).messageCount).toBe(0)
  })
})

describe('ActiveMirror Markdown whose message details were removed', () => {
  it('is refused instead of importing an empty or shorter session', async () => {
    const source = setup()
    await source.transfer.importFiles([fixture('native-session.json')])
    const exported = await source.transfer.exportSession(
      'session_1731578400000_nat1ve001',
      'markdown',
    )
    const stripped = exported.content.replace(/^<!-- activemirror:message .*\n/gm, '')
    const target = setup()
    const report = await target.transfer.importFiles([{ name: 'x.md', content: stripped }])
    expect(report.failed.map((f) => [f.code, f.reason])).toEqual([
      ['IMPORT_INVALID', expect.stringContaining('edited after export')],
    ])
    expect(await snapshot(target.storage)).toEqual([])
  })
})
