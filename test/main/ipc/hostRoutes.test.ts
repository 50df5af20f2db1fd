import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { withHostRoutes } from '../../../src/main/ipc/hostRoutes'
import { createRouter } from '../../../src/main/ipc/router'
import type { Dispatcher } from '../../../src/main/ipc/router'
import type { Mirror } from '../../../src/main/mirrorApi'
import { MirrorError } from '../../../src/shared/errors'
import { openMirror, tempDir } from '../backup/helpers/backupFixture'

let mirror: Mirror | null = null
let dir = ''
afterEach(async () => {
  await mirror?.close()
  mirror = null
  fs.rmSync(dir, { recursive: true, force: true })
})

/** The core as a host reaches it: the real router over a real mirror's handlers. */
async function realCore(): Promise<Dispatcher> {
  dir = tempDir('amos-host-routes-')
  mirror = await openMirror(dir)
  const router = createRouter<null>({
    handlers: createHandlers(mirror, { host: 'electron', version: '0.0.0-test' }),
    isTrustedSender: () => true,
    validateOutput: true,
  })
  return { dispatch: (route, input, ctx) => router.dispatch(null, route, input, ctx) }
}

const ctx = { emit: () => {} }

describe('routes the desktop host answers itself', () => {
  it('the core alone has no folder picker: NOT_SUPPORTED', async () => {
    const core = await realCore()
    const result = await core.dispatch('backup.chooseFolder', {}, ctx)
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } })
  })

  it('the host answers backup.chooseFolder; every other route still reaches the core', async () => {
    const core = await realCore()
    let asked = 0
    const host = withHostRoutes(core, {
      'backup.chooseFolder': async () => {
        asked++
        return { folder: dir }
      },
    })
    expect(await host.dispatch('backup.chooseFolder', {}, ctx)).toEqual({
      ok: true,
      data: { folder: dir },
    })
    expect(asked).toBe(1)
    const status = await host.dispatch('backup.status', {}, ctx)
    expect(status).toMatchObject({ ok: true, data: { frequency: 'off' } })
    // Input the route does not take is the core router's to refuse, not the picker's to open.
    const odd = await host.dispatch('backup.chooseFolder', { folder: '/etc' }, ctx)
    expect(odd).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(await host.dispatch('__proto__', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ROUTE' },
    })
    expect(asked).toBe(1)
  })

  it('a failing picker is an error envelope, not a thrown error', async () => {
    const core = await realCore()
    const host = withHostRoutes(core, {
      'backup.chooseFolder': async () => {
        throw new MirrorError('NOT_SUPPORTED', 'No dialog without a window.')
      },
    })
    expect(await host.dispatch('backup.chooseFolder', {}, ctx)).toMatchObject({
      ok: false,
      error: { code: 'NOT_SUPPORTED', message: 'No dialog without a window.' },
    })
  })
})
