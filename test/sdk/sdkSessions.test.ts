import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMirror, MirrorError } from '../../src/sdk'
import type { MirrorChange, MirrorOptions } from '../../src/sdk'
import { expectMirrorError } from '../main/storage/helpers/fixtures'
import { sdkMirrors } from './helpers/sdkTemp'

const mirrors = sdkMirrors()
afterEach(() => mirrors.cleanup())

describe('SDK sessions', () => {
  it('creates, lists, renames, archives, searches and deletes with the app semantics', async () => {
    const mirror = await mirrors.open()
    const first = await mirror.sessions.create({ title: 'Garden notes' })
    const second = await mirror.sessions.create({ title: 'Travel plans' })
    expect((await mirror.sessions.list()).items.map((s) => s.id).sort()).toEqual(
      [first.id, second.id].sort(),
    )

    expect((await mirror.sessions.rename(first.id, 'Café garden')).title).toBe('Café garden')
    expect((await mirror.sessions.get(first.id)).title).toBe('Café garden')
    // Title search ignores case and accents, as the app's search box does.
    expect((await mirror.sessions.search('cafe')).sessions.map((s) => s.id)).toEqual([first.id])

    await mirror.sessions.archive(second.id)
    expect((await mirror.sessions.list()).items.map((s) => s.id)).toEqual([first.id])
    expect((await mirror.sessions.list({ archived: true })).items.map((s) => s.id)).toEqual([
      second.id,
    ])
    expect((await mirror.sessions.unarchive(second.id)).archived).toBe(false)

    await mirror.sessions.delete(second.id)
    await expectMirrorError(mirror.sessions.get(second.id), 'NOT_FOUND')
    expect((await mirror.sessions.list()).items.map((s) => s.id)).toEqual([first.id])
  })

  it('refuses bad input with typed errors and changes nothing', async () => {
    const mirror = await mirrors.open()
    const kept = await mirror.sessions.create({ title: 'Kept' })
    await expectMirrorError(mirror.sessions.rename(kept.id, ''), 'VALIDATION_FAILED')
    await expectMirrorError(mirror.sessions.delete('session_0_missing'), 'NOT_FOUND')
    expect((await mirror.sessions.get(kept.id)).title).toBe('Kept')
    expect(() => mirror.on('nonsense' as 'change', () => undefined)).toThrow(MirrorError)
  })

  it('refuses options it cannot use before creating anything on disk', async () => {
    const dataDir = join(mirrors.dir(), 'not-yet')
    await expectMirrorError(createMirror({} as MirrorOptions), 'VALIDATION_FAILED')
    await expectMirrorError(
      createMirror({ dataDir, storage: 'postgress' as 'sqlite' }),
      'VALIDATION_FAILED',
    )
    expect(existsSync(dataDir)).toBe(false)
  })

  it("reports this mirror's writes and another process's as change events", async () => {
    const dataDir = mirrors.dir()
    const watcher = await mirrors.open({ dataDir })
    const writer = await mirrors.open({ dataDir })
    const seen: MirrorChange[] = []
    const stop = watcher.on('change', (change) => seen.push(change))

    const own = await watcher.sessions.create({ title: 'Mine' })
    expect(seen).toContainEqual({
      origin: 'local',
      sessionIds: [own.id],
      all: false,
      folders: false,
    })

    // A second connection to the same database is what another process looks like to SQLite.
    const theirs = await writer.sessions.create({ title: 'Theirs' })
    await expect
      .poll(() => seen.some((c) => c.origin === 'other' && c.sessionIds.includes(theirs.id)), {
        timeout: 5_000,
      })
      .toBe(true)
    stop()
    await watcher.sessions.create({ title: 'After stop' })
    expect(seen.filter((c) => c.origin === 'local')).toHaveLength(1)
  })
})
