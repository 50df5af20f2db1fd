import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { amos, amosJson, dataDirs, errorLine, FIXTURES } from './helpers/runCli'

vi.setConfig({ testTimeout: 90_000 })

const dir = dataDirs()
const fx = (name: string): string => path.join(FIXTURES, name)

// Written by the ActiveMirrorOS JS SDK (session.export('markdown') and its JSON store).
const EXPORT = fx('js-sdk-export.md')
const STORE = fx('js-sdk-store-shared-ids')
const FIRST = 'session_1796407698055_fp0mo8oba'
const SECOND = 'session_1796407698063_kf4qh3hrk'

interface Shown {
  messageCount: number
  messages: Array<{ id: string; role: string; content: string }>
}

function sdkContents(sessionId: string): string[] {
  const file = JSON.parse(readFileSync(path.join(STORE, `${sessionId}.json`), 'utf8')) as {
    messages: Array<{ content: string }>
  }
  return file.messages.map((m) => m.content)
}

describe('amos import: ActiveMirrorOS JS SDK exports import whole or fail with exit 1', () => {
  it('a JS SDK Markdown export imports its six messages, CRLF and lone CR kept', async () => {
    const data = dir()
    const r = await amos(['--data-dir', data, 'import', EXPORT])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('1 imported, 0 skipped, 0 failed.')
    const shown = await amosJson<Shown>(['--data-dir', data, 'sessions', 'show', FIRST])
    expect(shown.messageCount).toBe(6)
    expect(shown.messages.map((m) => m.role)).toEqual([
      'system',
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ])
    expect(shown.messages.map((m) => m.content)).toEqual(sdkContents(FIRST))
  })

  it('Markdown with message text but no message heading: IMPORT_INVALID, exit 1, nothing stored', async () => {
    const data = dir()
    const file = path.join(data, 'renamed-headings.md')
    writeFileSync(file, readFileSync(EXPORT, 'utf8').replace(/^### /gm, '## '))
    const r = await amos(['--data-dir', data, 'import', file])
    expect(r.code).toBe(1)
    expect(errorLine(r)).toMatch(
      /^IMPORT_INVALID: .*renamed-headings\.md: found message text but no message heading/,
    )
    expect(r.stdout).toContain('0 imported, 0 skipped, 1 failed.')
    expect(await amosJson(['--data-dir', data, 'sessions', 'list'])).toEqual([])
  })

  it.each(['sqlite', 'json'])(
    'two SDK sessions sharing msg_0… ids both import (%s), and again are skipped',
    async (storage) => {
      const data = dir()
      const first = await amos(['--data-dir', data, '--storage', storage, 'import', STORE])
      expect(first.stderr).toBe('')
      expect(first.code).toBe(0)
      expect(first.stdout).toContain('2 imported, 0 skipped, 0 failed.')
      for (const id of [FIRST, SECOND]) {
        const shown = await amosJson<Shown>([
          '--data-dir',
          data,
          '--storage',
          storage,
          'sessions',
          'show',
          id,
        ])
        expect(shown.messages.map((m) => m.content)).toEqual(sdkContents(id))
      }
      const again = await amos(['--data-dir', data, '--storage', storage, 'import', STORE])
      expect(again.code).toBe(0)
      expect(again.stdout).toContain('0 imported, 2 skipped, 0 failed.')
    },
  )
})
