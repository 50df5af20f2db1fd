import { closeSync, ftruncateSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import yauzl from 'yauzl'
import type { ImportReport } from '../../src/shared/routes'
import { zipBuffer } from '../main/services/transfer/zipHelpers'
import { amos, amosBin, amosJson, dataDirs, errorLine, FIXTURES } from './helpers/runCli'
import { readStore } from './helpers/readStore'

vi.setConfig({ testTimeout: 90_000 })

const dir = dataDirs()

const fx = (name: string): string => path.join(FIXTURES, name)
const CHATGPT_IDS = [
  'chatgpt-6a1f0c2e-1111-4c3b-9d7a-000000000001',
  'chatgpt-6a1f0c2e-2222-4c3b-9d7a-000000000002',
  'chatgpt-6a1f0c2e-3333-4c3b-9d7a-000000000003',
]

describe('amos import: folders, zips and ChatGPT exports', () => {
  it('imports an SDK store folder, a ChatGPT zip and a conversations.json in one call', async () => {
    const work = dir()
    const zip = path.join(work, 'chatgpt-export.zip')
    writeFileSync(
      zip,
      await zipBuffer([
        { name: 'chat.html', content: '<html></html>' },
        { name: 'conversations.json', content: readFileSync(fx('chatgpt/partly-bad.json')) },
      ]),
    )
    const data = dir()
    // Through the real bin: the compiled CLI carries the zip and streaming-JSON readers.
    const r = await amosBin([
      '--data-dir',
      data,
      'import',
      fx('sdk-store'),
      zip,
      fx('chatgpt/conversations.json'),
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('7 imported, 1 skipped, 2 failed.')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    for (const line of lines) {
      expect(line.startsWith(`IMPORT_INVALID: ${zip}/conversations.json: conversation `)).toBe(true)
    }
    // Not a terminal: no progress line on stderr.
    expect(r.stderr).not.toContain('Importing')
    const stored = (await readStore(data)).map((s) => s.id).sort()
    expect(stored).toEqual(
      [
        ...CHATGPT_IDS,
        'chatgpt-pb-good-1',
        'chatgpt-pb-good-4',
        'session_1732000000000_st0re0001',
        'session_1732000600000_st0re0002',
      ].sort(),
    )
  })

  it('--json reports each conversation; a second import skips them all (exit 0)', async () => {
    const data = dir()
    const first = await amosJson<ImportReport>([
      '--data-dir',
      data,
      'import',
      fx('chatgpt/conversations.json'),
    ])
    expect(first.imported.map((r) => r.sessionId)).toEqual(CHATGPT_IDS)
    const second = await amos(['--data-dir', data, 'import', fx('chatgpt/conversations.json')])
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('0 imported, 3 skipped, 0 failed.')
  })

  it('refuses a zip bomb and a 2 GB file with one line each, storing nothing', async () => {
    const work = dir()
    const bomb = path.join(work, 'bomb.zip')
    writeFileSync(
      bomb,
      await zipBuffer([{ name: 'conversations.json', content: Buffer.alloc(32 * 1024 * 1024) }]),
    )
    const huge = path.join(work, 'huge.json')
    const fd = openSync(huge, 'w')
    ftruncateSync(fd, 2 * 1024 ** 3)
    closeSync(fd)
    const data = dir()
    const r = await amos(['--data-dir', data, 'import', bomb, huge])
    expect(r.code).toBe(1)
    const [bombLine, hugeLine] = r.stderr.trimEnd().split('\n')
    expect(bombLine).toMatch(/^IMPORT_INVALID: .*bomb\.zip\/conversations\.json: .*zip bomb/)
    expect(hugeLine).toBe(
      `IMPORT_INVALID: ${huge}: the file is 2.0 GB; the largest file ActiveMirror imports is 1.0 GB`,
    )
    expect(await readStore(data)).toEqual([])
  })
})

describe('amos export --all', () => {
  it('writes every session into one zip that imports back identically', async () => {
    const source = dir()
    await amos(['--data-dir', source, 'import', fx('sdk-store'), fx('native-session.json')])
    const out = path.join(dir(), 'everything.zip')
    // Through the real bin: the compiled CLI carries the zip writer.
    const r = await amosBin(['--data-dir', source, 'export', '--all', '--out', out])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe(`Exported 3 sessions to ${out}\n`)
    const names = await zipNames(out)
    expect(names.sort()).toEqual(
      [
        'index.json',
        'session_1731578400000_nat1ve001.json',
        'session_1732000000000_st0re0001.json',
        'session_1732000600000_st0re0002.json',
      ].sort(),
    )
    const target = dir()
    const back = await amosJson<ImportReport>(['--data-dir', target, 'import', out])
    expect(back.failed).toEqual([])
    expect(await readStore(target)).toEqual(await readStore(source))
  })

  it('needs --out and no ID', async () => {
    const data = dir()
    const noOut = await amos(['--data-dir', data, 'export', '--all'])
    expect(noOut.code).toBe(2)
    expect(errorLine(noOut)).toMatch(/^USAGE: Missing --out/)
    const both = await amos(['--data-dir', data, 'export', 'x', '--all', '--out', 'a.zip'])
    expect(both.code).toBe(2)
    const none = await amos(['--data-dir', data, 'export'])
    expect(none.code).toBe(2)
    expect(errorLine(none)).toMatch(/^USAGE: Missing ID/)
  })
})

function zipNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'))
      const names: string[] = []
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName)
        zip.readEntry()
      })
      zip.on('end', () => {
        zip.close()
        resolve(names)
      })
      zip.readEntry()
    })
  })
}
