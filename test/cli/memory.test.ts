import { readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Session } from '../../src/shared/domain'
import type {
  Memory,
  MemoryImportReport,
  MemorySuggestion,
  SuggestReport,
} from '../../src/shared/memory'
import type { ContinuityEntry } from '../../src/shared/continuity'
import { amos, amosJson, errorLine, removeDir, tempDir } from './helpers/runCli'
import type { RunOptions } from './helpers/runCli'

vi.setConfig({ testTimeout: 180_000 })

const PASSWORD = 'cli memory password 1'
const opts: RunOptions = {
  env: {
    AMOS_VAULT_KDF_ITERATIONS: '100000',
    AMOS_OFFLINE_DELAY_MS: '0',
    AMOS_VAULT_PASSWORD: PASSWORD,
  },
}

let dir: string
const cli = (...args: string[]) => ['--data-dir', dir, ...args]

beforeAll(() => {
  dir = tempDir('amos-cli-memory-')
})
afterAll(() => removeDir(dir))

describe('amos memory', () => {
  it('suggest, accept (edited), reject, list, edit, delete; the log holds ids and counts only', async () => {
    expect((await amos(cli('vault', 'init'), opts)).code).toBe(0)
    const session = await amosJson<Session>(cli('sessions', 'create', 'Trip'), opts)
    for (const text of ['My name is Tomasz. I prefer window seats.', 'I want to visit Kyoto'])
      expect((await amos(cli('send', session.id, text), opts)).code).toBe(0)

    const report = await amosJson<SuggestReport>(cli('memory', 'suggest', session.id), opts)
    expect(report.drafter).toBe('heuristics')
    expect(report.suggestions.map((s) => s.text)).toEqual([
      'Name is Tomasz',
      'Prefers window seats',
      'Wants to visit Kyoto',
    ])
    const [name, seats, kyoto] = report.suggestions as [
      MemorySuggestion,
      MemorySuggestion,
      MemorySuggestion,
    ]
    const human = await amos(cli('memory', 'list', '--suggestions'), opts)
    expect(human.stdout).toContain('Prefers window seats')

    const accepted = await amosJson<Memory>(
      cli(
        'memory',
        'accept',
        name.id.slice(0, 12),
        '--text',
        'Name is Tomasz (Tom)',
        '--scope',
        'global',
      ),
      opts,
    )
    expect(accepted).toMatchObject({ text: 'Name is Tomasz (Tom)', scope: { kind: 'global' } })
    expect(await amosJson(cli('memory', 'reject', seats.id), opts)).toEqual({
      id: seats.id,
      rejected: true,
      pending: 1,
    })
    const trip = await amosJson<Memory>(
      cli('memory', 'accept', kyoto.id, '--scope', `session:${session.id}`),
      opts,
    )
    expect(trip.scope).toEqual({ kind: 'session', id: session.id })

    const all = await amosJson<Memory[]>(cli('memory', 'list'), opts)
    expect(all.map((m) => m.text).sort()).toEqual(['Name is Tomasz (Tom)', 'Wants to visit Kyoto'])
    const scoped = await amosJson<Memory[]>(
      cli('memory', 'list', '--scope', `session:${session.id}`),
      opts,
    )
    expect(scoped.map((m) => m.id)).toEqual([trip.id])
    const badScope = await amos(cli('memory', 'list', '--scope', 'planet:x'), opts)
    expect(badScope.code).toBe(1)
    expect(errorLine(badScope)).toMatch(/^VALIDATION_FAILED: /)

    const edited = await amosJson<Memory>(
      cli('memory', 'edit', trip.id, 'Wants to visit Kyoto in spring'),
      opts,
    )
    expect(edited).toMatchObject({ id: trip.id, text: 'Wants to visit Kyoto in spring' })
    expect(edited.history?.[0]?.text).toBe('Wants to visit Kyoto')
    expect(await amosJson(cli('memory', 'delete', trip.id), opts)).toEqual({
      id: trip.id,
      deleted: true,
    })
    const gone = await amos(cli('memory', 'delete', trip.id), opts)
    expect(gone.code).toBe(1)
    expect(errorLine(gone)).toMatch(/^NOT_FOUND: /)

    // Rejected and accepted suggestions are not drafted again.
    const again = await amosJson<SuggestReport>(cli('memory', 'suggest', session.id), opts)
    expect(again.suggestions).toEqual([])

    const log = await amosJson<ContinuityEntry[]>(cli('continuity', 'log', '--limit', '100'), opts)
    const memoryEntries = log.filter((e) => e.type === 'memory.changed').reverse()
    expect(memoryEntries.map((e) => e.data.action)).toEqual([
      'accepted',
      'rejected',
      'accepted',
      'edited',
      'deleted',
    ])
    expect(memoryEntries[1]!.data).toEqual({ action: 'rejected', suggestionId: seats.id, count: 1 })
    const logText = JSON.stringify(log)
    for (const secret of ['Tomasz', 'window seats', 'Kyoto']) expect(logText).not.toContain(secret)
  })

  it('exports and imports: duplicates skipped, a bad record named, the rest imported', async () => {
    const file = path.join(dir, 'memories.json')
    const exported = await amosJson<{ out: string; count: number }>(
      cli('memory', 'export', file),
      opts,
    )
    expect(exported.count).toBe(1)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const content = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string
      version: number
      memories: Memory[]
    }
    expect(content).toMatchObject({ format: 'activemirror-memories', version: 1 })
    expect(content.memories[0]!.text).toBe('Name is Tomasz (Tom)')

    const incoming = path.join(dir, 'incoming.json')
    writeFileSync(
      incoming,
      JSON.stringify({
        ...content,
        memories: [
          ...content.memories,
          { text: 'name is tomasz (TOM)!' },
          { text: '' },
          { text: 'Lives in Gdańsk', scope: { kind: 'folder', id: 'folder_9' } },
          'not a record',
        ],
      }),
    )
    const result = await amos(cli('--json', 'memory', 'import', incoming), opts)
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as MemoryImportReport
    expect(report).toMatchObject({ added: 1, duplicates: 2 })
    expect(report.errors.map((e) => e.index)).toEqual([2, 4])
    expect(result.stderr).toContain('IMPORT_INVALID: record 2')
    const all = await amosJson<Memory[]>(cli('memory', 'list'), opts)
    expect(all.find((m) => m.text === 'Lives in Gdańsk')?.scope).toEqual({
      kind: 'folder',
      id: 'folder_9',
    })

    writeFileSync(incoming, JSON.stringify({ format: 'something-else', memories: [] }))
    const foreign = await amos(cli('memory', 'import', incoming), opts)
    expect(errorLine(foreign)).toMatch(/^IMPORT_UNSUPPORTED_FORMAT: /)
  })

  it('shows and sets "Send memories only to local models", on by default', async () => {
    expect(await amosJson(cli('memory', 'local-only'), opts)).toEqual({ localOnly: true })
    expect(await amosJson(cli('memory', 'local-only', 'off'), opts)).toEqual({ localOnly: false })
    expect(await amosJson(cli('memory', 'local-only'), opts)).toEqual({ localOnly: false })
    const bad = await amos(cli('memory', 'local-only', 'maybe'), opts)
    expect(bad.code).toBe(2)
  })

  it('needs the vault password like the vault commands', async () => {
    const locked = await amos(cli('memory', 'list'), {
      env: { ...opts.env, AMOS_VAULT_PASSWORD: undefined },
    })
    expect(errorLine(locked)).toMatch(/^VAULT_LOCKED: /)
  })
})
