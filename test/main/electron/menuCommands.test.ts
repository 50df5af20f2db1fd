import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { exportAllFromMenu, importFromMenu } from '../../../src/main/electron/menuCommands'
import type { MenuCommandDeps } from '../../../src/main/electron/menuCommands'
import { TransferService } from '../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import type { MenuTransferEvent } from '../../../src/shared/events'
import { events } from '../../../src/shared/events'

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/import')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amos-menu-'))
  dirs.push(dir)
  return dir
}

function setup(picks: { import?: string[]; export?: string | null } = {}) {
  const storage = new MemoryStorage()
  const notified: MenuTransferEvent[] = []
  const offered: string[] = []
  const deps: MenuCommandDeps = {
    transfer: new TransferService({ storage }),
    pickImportPaths: async () => picks.import ?? [],
    pickExportFile: async (name) => {
      offered.push(name)
      return picks.export ?? null
    },
    notify: (event) => notified.push(events['menu.transfer'].parse(event)),
  }
  return { storage, deps, notified, offered }
}

describe('File ▸ Import…', () => {
  it('imports the picked files and reports them to the windows', async () => {
    const { storage, deps, notified } = setup({
      import: [
        path.join(FIXTURES, 'native-session.json'),
        path.join(FIXTURES, 'python-sdk-session.md'),
      ],
    })
    await importFromMenu(deps)
    expect(notified).toHaveLength(1)
    const event = notified[0]!
    if (event.kind !== 'import') throw new Error(`unexpected ${event.kind}`)
    expect(event.report.imported.map((i) => path.basename(i.file))).toEqual([
      'native-session.json',
      'python-sdk-session.md',
    ])
    expect((await storage.listSessions({ archived: 'all' })).items).toHaveLength(2)
  })

  it('names a file it could not read in the report, and still imports the rest', async () => {
    const { storage, deps, notified } = setup({
      import: [path.join(FIXTURES, 'native-session.json'), path.join(tempDir(), 'gone.json')],
    })
    await importFromMenu(deps)
    const event = notified[0]!
    if (event.kind !== 'import') throw new Error(`unexpected ${event.kind}`)
    expect(event.report.imported).toHaveLength(1)
    expect(event.report.failed.map((f) => path.basename(f.file))).toEqual(['gone.json'])
    expect((await storage.listSessions({ archived: 'all' })).items).toHaveLength(1)
  })

  it('does nothing when the dialog is cancelled', async () => {
    const { storage, deps, notified } = setup({ import: [] })
    await importFromMenu(deps)
    expect(notified).toEqual([])
    expect((await storage.listSessions({ archived: 'all' })).items).toEqual([])
  })

  it('reports an unexpected failure as INTERNAL without its message', async () => {
    const { deps, notified } = setup()
    deps.pickImportPaths = async () => {
      throw new Error('/home/ada/secret path exploded')
    }
    await importFromMenu(deps)
    expect(notified).toEqual([
      {
        kind: 'error',
        action: 'import',
        error: { code: 'INTERNAL', message: expect.not.stringContaining('secret') },
      },
    ])
  })
})

describe('File ▸ Export all…', () => {
  it('offers the dated name, writes the zip where the user chose and reports it', async () => {
    const file = path.join(tempDir(), 'backup.zip')
    const { storage, deps, notified, offered } = setup({
      import: [path.join(FIXTURES, 'native-session.json')],
      export: file,
    })
    await importFromMenu(deps)
    await exportAllFromMenu(deps, new Date('2026-11-24T10:00:00Z'))
    expect(offered).toEqual(['ActiveMirror sessions 2026-11-24.zip'])
    expect(notified.at(-1)).toEqual({ kind: 'exportAll', fileName: 'backup.zip', sessionCount: 1 })
    // The zip is a real export: importing it into an empty store brings the session back.
    const fresh = setup({ import: [file] })
    await importFromMenu(fresh.deps)
    const titles = async (s: MemoryStorage) =>
      (await s.listSessions({ archived: 'all' })).items.map((x) => x.title)
    expect(await titles(fresh.storage)).toEqual(await titles(storage))
    expect(await titles(fresh.storage)).toHaveLength(1)
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const { deps, notified } = setup({ export: null })
    await exportAllFromMenu(deps)
    expect(notified).toEqual([])
  })

  it('reports a folder it cannot write to as EXPORT_FAILED and leaves no temporary file', async () => {
    const dir = tempDir()
    const { deps, notified } = setup({ export: path.join(dir, 'missing', 'all.zip') })
    await exportAllFromMenu(deps)
    expect(notified).toEqual([
      {
        kind: 'error',
        action: 'exportAll',
        error: expect.objectContaining({ code: 'EXPORT_FAILED' }),
      },
    ])
    expect(readdirSync(dir)).toEqual([])
    expect(existsSync(path.join(dir, 'missing'))).toBe(false)
  })
})
