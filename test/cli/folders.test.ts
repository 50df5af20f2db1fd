import { describe, expect, it, vi } from 'vitest'
import type { Folder, Session } from '../../src/shared/domain'
import { amos, amosBin, amosBinJson, amosJson, dataDirs, errorLine } from './helpers/runCli'

// Some cases spawn the real bin, on a shared machine.
vi.setConfig({ testTimeout: 90_000 })

const dataDir = dataDirs()

describe('amos folders and pins', () => {
  it('folders list|create|rename|delete, with --json shapes and typed errors', async () => {
    const dir = dataDir()
    const work = await amosJson<Folder>(['--data-dir', dir, 'folders', 'create', ' Work '])
    expect(Object.keys(work).sort()).toEqual(['createdAt', 'id', 'name'])
    expect(work.name).toBe('Work')
    const clash = await amos(['--data-dir', dir, 'folders', 'create', 'work'])
    expect(clash.code).toBe(1)
    expect(errorLine(clash)).toMatch(/^FOLDER_EXISTS/)

    await amosJson<Folder>(['--data-dir', dir, 'folders', 'create', 'Archive box'])
    const listed = await amosJson<Folder[]>(['--data-dir', dir, 'folders', 'list'])
    expect(listed.map((f) => f.name)).toEqual(['Archive box', 'Work'])

    // By name, any case, or by id.
    const renamed = await amosJson<Folder>(['--data-dir', dir, 'folders', 'rename', 'WORK', 'Job'])
    expect(renamed).toEqual({ ...work, name: 'Job' })
    const human = await amos(['--data-dir', dir, 'folders', 'list'])
    expect(human.stdout).toMatch(/ID\s+NAME/)
    expect(human.stdout).toContain('Job')

    const deleted = await amosJson<{ id: string; deleted: boolean }>([
      '--data-dir',
      dir,
      'folders',
      'delete',
      work.id,
    ])
    expect(deleted).toEqual({ id: work.id, deleted: true })
    const missing = await amos(['--data-dir', dir, 'folders', 'delete', 'Job'])
    expect(missing.code).toBe(1)
    expect(errorLine(missing)).toMatch(/^NOT_FOUND/)
  })

  it('sessions pin|unpin|move keep updatedAt; --json carries pinned and folderId', async () => {
    const dir = dataDir()
    const older = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Older'])
    await new Promise((r) => setTimeout(r, 5))
    const newer = await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', 'Newer'])
    expect(newer).toMatchObject({ pinned: false, folderId: null })

    const pinned = await amosJson<Session>(['--data-dir', dir, 'sessions', 'pin', older.id])
    expect(pinned).toMatchObject({ pinned: true, updatedAt: older.updatedAt })
    const list = await amosJson<Session[]>(['--data-dir', dir, 'sessions', 'list'])
    expect(list.map((s) => s.title)).toEqual(['Older', 'Newer'])
    expect((await amos(['--data-dir', dir, 'sessions', 'list'])).stdout).toMatch(/Older.*pinned/)

    const folder = await amosJson<Folder>(['--data-dir', dir, 'folders', 'create', 'Research'])
    // FOLDER by name (any case); ID by its start.
    const moved = await amosJson<Session>([
      '--data-dir',
      dir,
      'sessions',
      'move',
      newer.id.slice(0, -2),
      'research',
    ])
    expect(moved).toMatchObject({ id: newer.id, folderId: folder.id, updatedAt: newer.updatedAt })
    const inFolder = await amosJson<Session[]>([
      '--data-dir',
      dir,
      'sessions',
      'list',
      '--folder',
      'Research',
    ])
    expect(inFolder.map((s) => s.id)).toEqual([newer.id])

    const unknown = await amos(['--data-dir', dir, 'sessions', 'move', newer.id, 'Nowhere'])
    expect(unknown.code).toBe(1)
    expect(errorLine(unknown)).toMatch(/^NOT_FOUND/)
    const after = await amosJson<Session>(['--data-dir', dir, 'sessions', 'show', newer.id])
    expect(after.folderId).toBe(folder.id)

    const usage = await amos(['--data-dir', dir, 'sessions', 'move', newer.id])
    expect(usage.code).toBe(2)
    expect(errorLine(usage)).toMatch(/^USAGE/)

    const out = await amosJson<Session>(['--data-dir', dir, 'sessions', 'move', newer.id, '--none'])
    expect(out.folderId).toBeNull()
    const unpinned = await amosJson<Session>(['--data-dir', dir, 'sessions', 'unpin', older.id])
    expect(unpinned).toMatchObject({ pinned: false, updatedAt: older.updatedAt })
  })

  it('the compiled bin pins and files on a JSON store, and deleting the folder keeps the session', async () => {
    const dir = dataDir()
    const flags = ['--data-dir', dir, '--storage', 'json']
    const session = await amosBinJson<Session>([...flags, 'sessions', 'create', 'Portable'])
    await amosBinJson<Folder>([...flags, 'folders', 'create', 'Trips'])
    await amosBinJson<Session>([...flags, 'sessions', 'move', session.id, 'Trips'])
    await amosBinJson<Session>([...flags, 'sessions', 'pin', session.id])
    const shown = await amosBinJson<Session>([...flags, 'sessions', 'show', session.id])
    expect(shown).toMatchObject({ pinned: true, folderId: expect.stringMatching(/^folder_/) })
    const gone = await amosBin([...flags, 'folders', 'delete', 'trips'])
    expect(gone.code).toBe(0)
    const kept = await amosBinJson<Session>([...flags, 'sessions', 'show', session.id])
    expect(kept).toMatchObject({ title: 'Portable', pinned: true, folderId: null })
  })
})
