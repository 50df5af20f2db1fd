import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Router } from '../../../src/main/ipc/router'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import { checkedRouter, routeCalls } from '../helpers/checkedRouter'
import { makeMessage } from '../storage/helpers/fixtures'

/** Pins and folders through the real router (outputs checked), on SQLite and JSON mirrors. */
describe.each(['sqlite', 'json'] as const)('folder and pin routes (%s)', (storage) => {
  let dir: string
  let mirror: Mirror
  let router: Router<null>

  const { call, fails } = routeCalls(() => router)

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-folders-'))
    mirror = await createMirror({ dataDir: dir, storage })
    router = checkedRouter(mirror)
  })

  afterEach(async () => {
    await mirror.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('creates, renames and deletes folders; names are trimmed and unique ignoring case', async () => {
    const work = await call('folders.create', { name: '  Work  ' })
    expect(work.name).toBe('Work')
    expect(work.id).toMatch(/^folder_/)
    expect(await fails('folders.create', { name: 'wORK' })).toBe('FOLDER_EXISTS')
    expect(await fails('folders.create', { name: '   ' })).toBe('VALIDATION_FAILED')
    const home = await call('folders.create', { name: 'Home' })
    expect((await call('folders.list', {})).map((f) => f.name)).toEqual(['Home', 'Work'])
    expect(await fails('folders.rename', { id: home.id, name: 'work' })).toBe('FOLDER_EXISTS')
    expect((await call('folders.rename', { id: home.id, name: 'Family' })).name).toBe('Family')
    expect(await call('folders.delete', { id: work.id })).toEqual({ id: work.id })
    expect((await call('folders.list', {})).map((f) => f.name)).toEqual(['Family'])
    expect(await fails('folders.delete', { id: work.id })).toBe('NOT_FOUND')
  })

  it('pins and moves without touching updatedAt; pinned sessions list first', async () => {
    const older = await call('sessions.create', { title: 'Older' })
    await new Promise((r) => setTimeout(r, 5))
    const newer = await call('sessions.create', { title: 'Newer' })
    const pinned = await call('sessions.pin', { id: older.id })
    expect(pinned).toMatchObject({ pinned: true, updatedAt: older.updatedAt })
    expect((await call('sessions.list', {})).items.map((s) => s.title)).toEqual(['Older', 'Newer'])

    const folder = await call('folders.create', { name: 'Research' })
    const moved = await call('sessions.move', { id: newer.id, folderId: folder.id })
    expect(moved).toMatchObject({ folderId: folder.id, updatedAt: newer.updatedAt })
    const inFolder = await call('sessions.list', { folderId: folder.id })
    expect(inFolder.items.map((s) => s.id)).toEqual([newer.id])
    const unfiled = await call('sessions.list', { folderId: null })
    expect(unfiled.items.map((s) => s.id)).toEqual([older.id])

    const unpinned = await call('sessions.unpin', { id: older.id })
    expect(unpinned).toMatchObject({ pinned: false, updatedAt: older.updatedAt })
    await call('sessions.move', { id: newer.id, folderId: null })
    expect((await call('sessions.get', { id: newer.id })).folderId).toBeNull()
  })

  it('refuses an unknown folder or session and changes nothing', async () => {
    const session = await call('sessions.create', { title: 'Kept' })
    const folder = await call('folders.create', { name: 'Here' })
    await call('sessions.move', { id: session.id, folderId: folder.id })
    expect(await fails('sessions.move', { id: session.id, folderId: 'folder_nope' })).toBe(
      'NOT_FOUND',
    )
    expect((await call('sessions.get', { id: session.id })).folderId).toBe(folder.id)
    expect(await fails('sessions.pin', { id: 'session_nope' })).toBe('NOT_FOUND')
    expect(await fails('sessions.move', { id: 'session_nope', folderId: folder.id })).toBe(
      'NOT_FOUND',
    )
  })

  it('deleting a folder keeps its sessions, back in no folder', async () => {
    const session = await call('sessions.create', { title: 'Survivor' })
    const folder = await call('folders.create', { name: 'Doomed' })
    await call('sessions.move', { id: session.id, folderId: folder.id })
    await call('folders.delete', { id: folder.id })
    const read = await call('sessions.get', { id: session.id })
    expect(read).toMatchObject({ title: 'Survivor', folderId: null, updatedAt: session.updatedAt })
  })

  it('says which search hits are in archived sessions', async () => {
    const session = await call('sessions.create', { title: 'Attic' })
    await mirror.storage.appendMessage(
      makeMessage(session.id, {
        content: 'the dusty telescope',
        createdAt: new Date().toISOString(),
      }),
    )
    expect((await call('sessions.search', { query: 'telescope' })).hits[0]?.sessionArchived).toBe(
      false,
    )
    await call('sessions.archive', { id: session.id })
    expect((await call('sessions.search', { query: 'telescope' })).hits[0]?.sessionArchived).toBe(
      true,
    )
  })
})
