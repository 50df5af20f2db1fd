import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CoreClient } from '../../../src/main/core/coreClient'
import { startCoreClient } from '../../../src/main/core/coreClient'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { StorageKind } from '../../../src/main/mirrorApi'
import { MirrorError } from '../../../src/shared/errors'
import type { Result } from '../../../src/shared/result'
import { routes } from '../../../src/shared/routes'

const dirs: string[] = []
const clients: CoreClient[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'amos-core-'))
  dirs.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

interface Watched {
  restarts: string[]
  gaveUp: string[]
}

async function start(
  dataDir: string,
  storage: StorageKind = 'sqlite',
  limits: { maxRestarts?: number } = {},
): Promise<CoreClient & Watched> {
  const watched: Watched = { restarts: [], gaveUp: [] }
  const client = await startCoreClient({
    config: { dataDir, storage, host: 'browser', version: 'test', validateOutput: true },
    onRestarted: (reason) => watched.restarts.push(reason),
    onGaveUp: (reason) => watched.gaveUp.push(reason),
    ...limits,
  })
  clients.push(client)
  return Object.assign(client, watched)
}

const quiet: RequestContext = { emit: () => {} }

async function call<T>(client: CoreClient, route: string, input: unknown): Promise<T> {
  const result = await client.dispatch(route, input, quiet)
  if (!result.ok) throw new MirrorError(result.error.code, result.error.message)
  return result.data as T
}

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now()
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('Timed out waiting.')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the core in its worker thread', () => {
  it('answers routes with outputs that match their schemas, on another thread', async () => {
    const client = await start(tempDir())
    const info = routes['app.info'].output.parse(await call(client, 'app.info', {}))
    expect(info).toMatchObject({ host: 'browser', storage: 'sqlite' })
    expect(client.threadId).toBeGreaterThan(0)
    const bad = await client.dispatch('sessions.get', { id: 42 }, quiet)
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    const unknown = await client.dispatch('no.such.route', {}, quiet)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } })
  })

  it('reports a data dir it cannot open as a typed error, and leaves the file alone', async () => {
    const dataDir = tempDir()
    const garbage = 'this is not a database, and it must not be overwritten\n'.repeat(200)
    writeFileSync(join(dataDir, 'activemirror.db'), garbage)
    const error = await startCoreClient({
      config: { dataDir, storage: 'sqlite', host: 'browser', version: 't', validateOutput: true },
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MirrorError)
    expect((error as MirrorError).code).toBe('STORAGE_CORRUPT')
    expect(readFileSync(join(dataDir, 'activemirror.db'), 'utf8')).toBe(garbage)
  })

  it('sends a request’s events to its context, and asks the host for a native drag', async () => {
    const client = await start(tempDir())
    const session = await call<{ id: string }>(client, 'sessions.create', { title: 'Drag me' })
    const dragged: string[] = []
    const dragCtx: RequestContext = { emit: () => {}, startDrag: (file) => dragged.push(file) }
    const drag = await client.dispatch(
      'sessions.startDrag',
      { id: session.id, format: 'markdown' },
      dragCtx,
    )
    expect(drag.ok).toBe(true)
    expect(dragged).toHaveLength(1)
    expect(dragged[0]).toMatch(/Drag me/)
    // Without startDrag in the context (browser mode) the route says it cannot.
    const noDrag = await client.dispatch(
      'sessions.startDrag',
      { id: session.id, format: 'markdown' },
      quiet,
    )
    expect(noDrag).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } })

    const seen: string[] = []
    const ctx: RequestContext = { emit: (event) => seen.push(event) }
    const sent = await client.dispatch(
      'chat.send',
      { sessionId: session.id, text: 'Hello there.', pattern: 'exploratory', uncertainty: 'low' },
      ctx,
    )
    expect(sent.ok).toBe(true)
    await until(() => seen.includes('chat.done'))
    expect(seen[0]).toBe('chat.started')
    expect(seen).toContain('chat.delta')
  })

  it.each(['sqlite', 'json'] as const)(
    'restarts after the worker is killed; every acknowledged write survives (%s)',
    async (storage) => {
      const dataDir = tempDir()
      const client = await start(dataDir, storage)
      const firstThread = client.threadId
      const acknowledged: string[] = []
      const failures: Array<Result<unknown>> = []
      let written = 0
      let writing = true
      // Four writers issue one create after another, so a write is in flight whenever the
      // worker is killed; each title is recorded once its response (the acknowledgement) came.
      const writer = async () => {
        while (writing) {
          const title = `write ${written++}`
          const result = await client.dispatch('sessions.create', { title }, quiet)
          if (result.ok) acknowledged.push(title)
          else failures.push(result)
        }
      }
      const writers = [writer(), writer(), writer(), writer()]
      for (let round = 1; round <= 3; round += 1) {
        const before = acknowledged.length
        await until(() => acknowledged.length >= before + 10)
        await client.kill()
        await until(() => client.restarts.length === round)
      }
      writing = false
      await Promise.all(writers)
      expect(failures.length).toBeGreaterThan(0)
      for (const failure of failures) {
        expect(failure).toMatchObject({ ok: false, error: { code: 'CORE_RESTARTED' } })
      }
      expect(acknowledged.length).toBeGreaterThanOrEqual(30)
      expect(client.threadId).not.toBe(firstThread)
      expect(client.restarts).toHaveLength(3)
      expect(client.gaveUp).toEqual([])

      const page = await call<{ items: Array<{ title: string }> }>(client, 'sessions.list', {
        limit: 500,
      })
      const stored = new Set(page.items.map((session) => session.title))
      for (const title of acknowledged) expect(stored).toContain(title)
    },
    // A kill during a JSON-store write leaves its folder lock to go stale (about 6 s) before the
    // new core can write: three kills take most of a minute on a loaded machine.
    90_000,
  )

  it('stops restarting a core that keeps stopping, and says so to every request', async () => {
    const client = await start(tempDir(), 'sqlite', { maxRestarts: 1 })
    await client.kill()
    await until(() => client.restarts.length === 1)
    expect((await client.dispatch('app.info', {}, quiet)).ok).toBe(true)
    await client.kill()
    await until(() => client.gaveUp.length === 1)
    const refused = await client.dispatch('app.info', {}, quiet)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } })
    await expect(client.command('lockVault', 'system')).rejects.toMatchObject({
      code: 'CORE_UNAVAILABLE',
    })
  })

  it('runs the host’s own commands (menus, power monitor) in the core', async () => {
    const dataDir = tempDir()
    const client = await start(dataDir)
    await call(client, 'sessions.create', { title: 'For the zip' })
    const zip = join(dataDir, 'all.zip')
    expect(await client.command('writeAllZip', zip)).toBe(1)
    // Into a second data dir: the import runs in that core, with the dialogs' paths.
    const other = await start(tempDir())
    const report = await other.command('importPaths', [zip])
    expect(report.imported.map((entry) => entry.title)).toEqual(['For the zip'])
    await call(client, 'vault.init', { password: 'a long enough password' })
    await client.command('lockVault', 'system')
    const status = await call<{ unlocked: boolean }>(client, 'vault.status', {})
    expect(status.unlocked).toBe(false)
  })
})
