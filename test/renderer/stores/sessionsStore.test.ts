import { beforeEach, describe, expect, it } from 'vitest'
import { SESSIONS_PAGE, useSessionsStore } from '../../../src/renderer/src/stores/sessionsStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
const store = () => useSessionsStore.getState()
const titles = () => store().order.map((id) => store().byId[id]?.title)

beforeEach(async () => {
  core = await freshCore()
})

describe('sessionsStore', () => {
  it('loads the first page newest first and pages on with the cursor', async () => {
    for (let i = 0; i < SESSIONS_PAGE + 3; i++) await core.addSession(`Session ${i}`)
    await store().load()
    expect(store().order).toHaveLength(SESSIONS_PAGE)
    expect(titles()[0]).toBe(`Session ${SESSIONS_PAGE + 2}`)
    expect(store().nextCursor).not.toBeNull()

    await store().loadMore()
    expect(store().order).toHaveLength(SESSIONS_PAGE + 3)
    expect(titles().at(-1)).toBe('Session 0')
    expect(store().nextCursor).toBeNull()
  })

  it('shows archived sessions only in the archived view', async () => {
    await core.addSession('Kept')
    await core.addSession('Old', { archived: true })
    await store().load()
    expect(titles()).toEqual(['Kept'])
    await store().load('archived')
    expect(store().view).toBe('archived')
    expect(titles()).toEqual(['Old'])
  })

  it('create puts the new session on top and selects it', async () => {
    await core.addSession('First')
    await store().load()
    const created = await store().create()
    expect(created).not.toBeNull()
    expect(store().order[0]).toBe(created?.id)
    expect(store().selectedId).toBe(created?.id)
  })

  it('rename updates the cache; a blank or unchanged title is not sent', async () => {
    const s = await core.addSession('Draft')
    await store().load()
    expect(await store().rename(s.id, '  Plans for May ')).toBe(true)
    expect(store().byId[s.id]?.title).toBe('Plans for May')
    expect((await core.mirror.sessions.get(s.id)).title).toBe('Plans for May')
    await store().rename(s.id, '   ')
    await store().rename(s.id, 'Plans for May')
    expect(core.bridge.callsTo('sessions.rename')).toHaveLength(1)
  })

  it('archive removes the session from the active list, unarchive brings it back', async () => {
    const s = await core.addSession('Journal')
    await store().load()
    await store().archive(s.id)
    expect(store().order).not.toContain(s.id)
    expect(store().byId[s.id]?.archived).toBe(true)
    await store().load('archived')
    expect(store().order).toEqual([s.id])
    await store().unarchive(s.id)
    expect(store().order).toEqual([])
    await store().load('active')
    expect(store().order).toEqual([s.id])
  })

  it('delete drops the session and clears the selection', async () => {
    const s = await core.addSession('Gone soon')
    await store().load()
    await store().select(s.id)
    expect(await store().remove(s.id)).toBe(true)
    expect(store().order).toEqual([])
    expect(store().byId[s.id]).toBeUndefined()
    expect(store().selectedId).toBeNull()
    expect(useUiStore.getState().status).toContain('Gone soon')
  })

  it('a failed call changes nothing and raises an alert', async () => {
    const s = await core.addSession('Stay')
    await store().load()
    core.bridge.fail('sessions.delete', { code: 'STORAGE_BUSY', message: 'The data is busy.' })
    expect(await store().remove(s.id)).toBe(false)
    expect(store().order).toEqual([s.id])
    expect(useUiStore.getState().alerts.map((a) => a.message)).toEqual(['The data is busy.'])
  })

  it('setPreferences answers at once and rolls back when main refuses', async () => {
    const s = await core.addSession('Prefs')
    await store().load()
    // Another window deleted it: main answers NOT_FOUND.
    await core.mirror.sessions.delete(s.id)
    const pending = store().setPreferences(s.id, { pattern: 'creative', uncertainty: 'high' })
    expect(store().byId[s.id]?.metadata['preferences']).toEqual({
      pattern: 'creative',
      uncertainty: 'high',
    })
    await pending
    expect(store().byId[s.id]?.metadata['preferences']).toBeUndefined()
  })

  it('a slow answer for a view the user already left is dropped', async () => {
    await core.addSession('Active one')
    await core.addSession('Archived one', { archived: true })
    const release = core.bridge.hold('sessions.list')
    const first = store().load('active')
    await store().load('archived')
    release()
    await first
    expect(store().view).toBe('archived')
    expect(titles()).toEqual(['Archived one'])
  })

  it('select fetches a session that is not in a loaded page', async () => {
    const s = await core.addSession('Elsewhere', { archived: true })
    await store().load()
    await store().select(s.id)
    expect(store().byId[s.id]?.title).toBe('Elsewhere')
  })
})
