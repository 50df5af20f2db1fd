import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Session } from '../../src/shared/domain'
import type { ImportReport } from '../../src/shared/routes'
import {
  amos,
  amosBinJson,
  amosJson,
  dataDirs,
  errorLine,
  FIXTURES,
  folderBytes,
} from './helpers/runCli'
import { readStore } from './helpers/readStore'
import type { SessionWithMessages } from './helpers/readStore'

vi.setConfig({ testTimeout: 90_000 })

const dataDir = dataDirs()

const fx = (name: string): string => path.join(FIXTURES, name)
const GOOD = ['native-session.json', 'js-sdk-session.json', 'python-sdk-session.json'].map(fx)

describe('amos import', () => {
  it('imports native, JS SDK and Python SDK files, and a second import skips them', async () => {
    const dir = dataDir()
    const first = await amos(['--data-dir', dir, 'import', ...GOOD])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('3 imported, 0 skipped, 0 failed.')
    const stored = await readStore(dir)
    expect(stored.map((s) => s.title).sort()).toEqual([
      'JS SDK: choosing a direction',
      'Native: a walk through the garden',
      'Python SDK: the unfinished novel',
    ])
    const js = stored.find((s) => s.id === 'session_1730000000000_ab12cd34e')!
    expect(js.messages[1]!.content).toBe(
      '◊ What draws you to the lighthouse? ⟨medium⟩ The solitude, or the light? ✧',
    )
    const py = stored.find((s) => s.id === '7f1c1a52-3b7e-4f0e-9a53-2d3c5b1e9a10')!
    expect(py.archived).toBe(true)

    const again = await amosJson<ImportReport>(['--data-dir', dir, 'import', ...GOOD])
    expect(again.imported).toEqual([])
    expect(again.skipped.map((s) => s.sessionId).sort()).toEqual(stored.map((s) => s.id).sort())
    expect(await readStore(dir)).toEqual(stored)
  })

  it('reads Python SDK naive timestamps in the local time zone', async () => {
    const dir = dataDir()
    const env = { TZ: 'America/New_York' }
    await amosBinJson(['--data-dir', dir, 'import', fx('python-sdk-session.json')], { env })
    const py = await amosBinJson<SessionWithMessages>(
      ['--data-dir', dir, 'sessions', 'show', '7f1c1a52-3b7e-4f0e-9a53-2d3c5b1e9a10'],
      { env },
    )
    // 10:00 in New York in November (EST, UTC-5).
    expect(py.createdAt).toBe('2025-11-14T15:00:00.123Z')
    expect(py.messages[0]!.createdAt).toBe('2025-11-14T15:00:01.250Z')
  })

  it('imports the good files of a batch, reports each bad one on its own line, exit 1', async () => {
    const dir = dataDir()
    const bad = [
      'bad/empty.json',
      'bad/notes.txt',
      'bad/truncated.json',
      'bad/wrong-shape.json',
      'bad/bad-role.json',
      'bad/missing.json',
    ]
    const r = await amos(['--data-dir', dir, 'import', fx('js-sdk-session.json'), ...bad.map(fx)])
    expect(r.code).toBe(1)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(bad.length)
    const expected = [
      'IMPORT_INVALID',
      'IMPORT_UNSUPPORTED_FORMAT',
      'IMPORT_INVALID',
      'IMPORT_UNSUPPORTED_FORMAT',
      'IMPORT_INVALID',
      'NOT_FOUND',
    ]
    lines.forEach((line, i) => {
      expect(line.startsWith(`${expected[i]}: ${fx(bad[i]!)}: `), line).toBe(true)
    })
    expect(r.stdout).toContain('1 imported, 0 skipped, 6 failed.')
    expect((await readStore(dir)).map((s) => s.id)).toEqual(['session_1730000000000_ab12cd34e'])
  })

  it('leaves the database bytes unchanged when every file is bad', async () => {
    const dir = dataDir()
    await amos(['--data-dir', dir, 'import', fx('native-session.json')])
    const before = folderBytes(dir)
    const results = await Promise.all(
      ['bad/empty.json', 'bad/truncated.json', 'bad/wrong-shape.json', 'bad/bad-role.json'].map(
        (f) => amos(['--data-dir', dir, 'import', fx(f)]),
      ),
    )
    for (const r of results) {
      expect(r.code).toBe(1)
      expect(errorLine(r)).toMatch(/^IMPORT_(INVALID|UNSUPPORTED_FORMAT): /)
    }
    expect(folderBytes(dir)).toEqual(before)
  })
})

describe('amos export', () => {
  it('writes native JSON and Markdown to stdout or to --out', async () => {
    const dir = dataDir()
    await amos(['--data-dir', dir, 'import', fx('native-session.json')])
    const id = 'session_1731578400000_nat1ve001'
    const out = path.join(dir, 'garden.md')
    const [json, md, toFile] = await Promise.all([
      amos(['--data-dir', dir, 'export', id]),
      amos(['--data-dir', dir, 'export', id, '--format', 'markdown']),
      amos(['--data-dir', dir, 'export', '--out', out, id, '--format', 'markdown']),
    ])
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>
    expect(parsed).toMatchObject({ format: 'activemirror.session', version: 2, id, archived: true })
    // The export is the (version 1) file that was imported, field for field, plus who exported
    // it (the local identity, docs/continuity.md), which an import does not store, and the
    // message tree of version 2: the chain the file was, each message below the one before.
    const { author, ...fields } = parsed
    const original = JSON.parse(readFileSync(fx('native-session.json'), 'utf8')) as {
      messages: Array<{ id: string }>
    }
    const [first, second] = original.messages
    expect(fields).toEqual({
      ...original,
      version: 2,
      currentLeafId: second!.id,
      messages: [
        { ...first, parentId: null, versionIndex: 1 },
        { ...second, parentId: first!.id, versionIndex: 1 },
      ],
      otherVersions: [],
    })
    if (author !== undefined) expect(author).toMatchObject({ id: expect.any(String) })
    expect(md.stdout.startsWith('# Native: a walk through the garden\n')).toBe(true)
    expect(md.stdout).toContain('★ An oak, perhaps ⟨low⟩ — or an idea ⟨⟨high⟩⟩ that others tend. ◈')
    expect(toFile.code).toBe(0)
    expect(toFile.stdout).toBe(`Exported ${id} to ${out}\n`)
    expect(readFileSync(out, 'utf8')).toBe(md.stdout)
  })

  it('round-trips export → import into a fresh data dir with identical sessions', async () => {
    const source = dataDir()
    const s = await amosJson<Session>(['--data-dir', source, 'sessions', 'create', 'Round trip'])
    await amos([
      '--data-dir',
      source,
      'send',
      s.id,
      'Wondering about ◊ and ⟨low⟩ things',
      '--pattern',
      'creative',
    ])
    await amos(['--data-dir', source, 'sessions', 'archive', s.id])
    const file = path.join(source, 'export.json')
    await amos(['--data-dir', source, 'export', s.id, '--out', file])

    const target = dataDir()
    const report = await amosJson<ImportReport>(['--data-dir', target, 'import', file])
    expect(report.imported).toHaveLength(1)
    const [original, copy] = await Promise.all([readStore(source), readStore(target)])
    expect(copy).toEqual(original)
    expect(copy[0]!.messages).toHaveLength(2)
  })

  it('fails with NOT_FOUND for an unknown session and EXPORT_FAILED for an unwritable --out', async () => {
    const dir = dataDir()
    const s = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Exportable'])
    const [missing, unwritable] = await Promise.all([
      amos(['--data-dir', dir, 'export', 'session_nope']),
      amos(['--data-dir', dir, 'export', s.id, '--out', path.join(dir, 'no/such/folder/x.json')]),
    ])
    expect(missing.code).toBe(1)
    expect(errorLine(missing)).toMatch(/^NOT_FOUND: /)
    expect(unwritable.code).toBe(1)
    expect(errorLine(unwritable)).toMatch(/^EXPORT_FAILED: /)
  })
})
