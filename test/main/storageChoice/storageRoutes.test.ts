import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, expect, it } from 'vitest'
import type { CoreClient } from '../../../src/main/core/coreClient'
import { startCoreClient } from '../../../src/main/core/coreClient'
import type { CoreConfig } from '../../../src/main/core/coreFrames'
import { withStorageSwitch } from '../../../src/main/host/storageSwitch'
import { startupStorage } from '../../../src/main/historySetup'
import type { Dispatcher } from '../../../src/main/ipc/router'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import { createKeytarStore } from '../../../src/main/keychain/keytarStore'
import { STORAGE_CHOICE_FILE } from '../../../src/main/storageChoice/storageChoiceFile'
import { passwordAccount } from '../../../src/main/storageChoice/storageChoiceService'
import type { Result } from '../../../src/shared/result'
import { allFileText } from '../../helpers/allFileText'
import { describePostgres, useTestDatabase, withDatabase } from '../storage/helpers/postgresDb'

// A private keychain service: the core's worker reads the same env.
const SERVICE = `ActiveMirror-storage-routes-${randomUUID()}`
process.env.AMOS_KEYCHAIN_SERVICE = SERVICE
const secrets = createKeytarStore(SERVICE)
const PASSWORD = `pw-${randomUUID()}`
const USER = `amos_${randomUUID().slice(0, 8)}`

let dataDir = ''
let client: CoreClient | null = null
afterEach(async () => {
  await client?.close()
  client = null
  rmSync(dataDir, { recursive: true, force: true })
})

const quiet: RequestContext = { emit: () => {} }

async function startApp(flag?: 'sqlite'): Promise<Dispatcher> {
  dataDir = mkdtempSync(join(tmpdir(), 'amos-storage-routes-'))
  const start = await startupStorage({ dataDir, storage: flag })
  let config: CoreConfig = {
    dataDir,
    storage: start.storage,
    databaseUrl: start.databaseUrl,
    storageOverridden: start.overridden,
    host: 'browser',
    version: 'test',
    validateOutput: true,
  }
  const core = await startCoreClient({ config })
  client = core
  return withStorageSwitch(core, {
    dataDir,
    config: () => config,
    restartOn: async (next) => {
      await core.restartOn(next)
      config = next
    },
  })
}

describePostgres('Settings → Storage routes, on a real PostgreSQL server', () => {
  const url = useTestDatabase()
  const userUrl = () => {
    const parsed = new URL(url())
    parsed.username = USER
    parsed.password = PASSWORD
    return parsed.toString()
  }

  afterAll(async () => {
    await secrets.delete(passwordAccount(userUrl().replace(`:${PASSWORD}`, ''))).catch(() => {})
  })

  it('tests a server, switches the running core to it and back, never storing the password in a file', async () => {
    const admin = new pg.Client({ connectionString: url() })
    await admin.connect()
    await admin.query(`CREATE ROLE ${USER} LOGIN SUPERUSER PASSWORD '${PASSWORD}'`)
    await admin.end()
    const app = await startApp()
    const call = (route: string, input: unknown = {}): Promise<Result<unknown>> =>
      app.dispatch(route, input, quiet)

    expect(await call('storage.get')).toEqual({
      ok: true,
      data: { current: { kind: 'sqlite', databaseUrl: null }, saved: null, overridden: false },
    })
    const local = await call('sessions.create', { title: 'Kept on this device' })
    expect(local.ok).toBe(true)

    // Typed errors, in plain words, without the password.
    const notUrl = await call('storage.test', { databaseUrl: `mysql://u:${PASSWORD}@h/db` })
    expect(notUrl).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    const missingDb = withDatabase(userUrl(), 'no_such_database')
    const noDb = await call('storage.test', { databaseUrl: missingDb })
    expect(noDb).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } })
    const refused = await call('storage.test', {
      databaseUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:1/x`,
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_UNAVAILABLE' } })
    expect(JSON.stringify([notUrl, noDb, refused])).not.toContain(PASSWORD)
    // A failed "Use this database" saves nothing and keeps the core where it was.
    expect(await call('storage.use', { kind: 'postgres', databaseUrl: missingDb })).toMatchObject({
      ok: false,
      error: { code: 'STORAGE_UNAVAILABLE' },
    })
    expect(readdirSync(dataDir)).not.toContain(STORAGE_CHOICE_FILE)

    const tested = await call('storage.test', { databaseUrl: userUrl() })
    expect(tested).toMatchObject({
      ok: true,
      data: { serverVersion: expect.stringMatching(/^PostgreSQL/) },
    })

    const used = await call('storage.use', { kind: 'postgres', databaseUrl: userUrl() })
    const masked = userUrl().replace(PASSWORD, '********')
    expect(used).toEqual({
      ok: true,
      data: {
        current: { kind: 'postgres', databaseUrl: masked },
        saved: { kind: 'postgres', databaseUrl: masked },
        overridden: false,
        restarted: true,
      },
    })
    // The restarted core is on PostgreSQL: a new session is a row on the server.
    const list = await call('sessions.list', {})
    expect(JSON.stringify(list)).not.toContain('Kept on this device')
    expect(await call('sessions.create', { title: 'Shared across machines' })).toMatchObject({
      ok: true,
    })
    const check = new pg.Client({ connectionString: url() })
    await check.connect()
    const { rows } = await check.query<{ title: string }>('SELECT title FROM sessions')
    await check.end()
    expect(rows.map((row) => row.title)).toEqual(['Shared across machines'])

    // The password is in the keychain only.
    expect(allFileText(dataDir)).not.toContain(PASSWORD)
    expect(readFileSync(join(dataDir, STORAGE_CHOICE_FILE), 'utf8')).toContain(USER)
    const bare = userUrl().replace(`:${PASSWORD}`, '')
    expect(await secrets.get(passwordAccount(bare))).toBe(PASSWORD)
    // Sent back masked, the URL means the saved password.
    expect(await call('storage.test', { databaseUrl: masked })).toMatchObject({ ok: true })
    // The next start honours the saved choice; a flag still wins over it.
    expect(await startupStorage({ dataDir })).toEqual({
      storage: 'postgres',
      databaseUrl: userUrl(),
      overridden: false,
    })
    expect(await startupStorage({ dataDir, storage: 'sqlite' })).toMatchObject({
      storage: 'sqlite',
      overridden: true,
    })

    const back = await call('storage.use', { kind: 'sqlite' })
    expect(back).toMatchObject({
      ok: true,
      data: { current: { kind: 'sqlite', databaseUrl: null }, restarted: true },
    })
    expect(JSON.stringify(await call('sessions.list', {}))).toContain('Kept on this device')
  })

  it('puts the old core and the old choice back when the new core cannot start there', async () => {
    const plainUser = `amos_plain_${randomUUID().slice(0, 8)}`
    const admin = new pg.Client({ connectionString: url() })
    await admin.connect()
    // May log in and query, but not create the tables (PostgreSQL 15+: public is not writable).
    await admin.query(`CREATE ROLE ${plainUser} LOGIN`)
    await admin.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
    await admin.end()
    const app = await startApp()
    const call = (route: string, input: unknown = {}): Promise<Result<unknown>> =>
      app.dispatch(route, input, quiet)
    expect(await call('sessions.create', { title: 'Still here' })).toMatchObject({ ok: true })
    expect(await call('storage.use', { kind: 'sqlite' })).toMatchObject({ ok: true })
    const before = readFileSync(join(dataDir, STORAGE_CHOICE_FILE), 'utf8')
    const parsed = new URL(url())
    parsed.username = plainUser
    const plainUrl = parsed.toString()
    expect(await call('storage.test', { databaseUrl: plainUrl })).toMatchObject({ ok: true })

    const failed = await call('storage.use', { kind: 'postgres', databaseUrl: plainUrl })
    expect(failed).toMatchObject({
      ok: false,
      error: {
        code: 'STORAGE_UNAVAILABLE',
        message: expect.stringContaining('stays on the one it was using'),
      },
    })
    expect(readFileSync(join(dataDir, STORAGE_CHOICE_FILE), 'utf8')).toBe(before)
    expect(await call('storage.get')).toMatchObject({
      ok: true,
      data: { current: { kind: 'sqlite' }, saved: { kind: 'sqlite' } },
    })
    expect(JSON.stringify(await call('sessions.list', {}))).toContain('Still here')
  })

  it('with --storage given, saves the choice for a start without it and keeps running where it is', async () => {
    const app = await startApp('sqlite')
    const call = (route: string, input: unknown = {}): Promise<Result<unknown>> =>
      app.dispatch(route, input, quiet)
    const threadId = client!.threadId
    const used = await call('storage.use', { kind: 'postgres', databaseUrl: url() })
    expect(used).toEqual({
      ok: true,
      data: {
        current: { kind: 'sqlite', databaseUrl: null },
        saved: { kind: 'postgres', databaseUrl: url() },
        overridden: true,
        restarted: false,
      },
    })
    expect(client!.threadId).toBe(threadId)
    expect(await startupStorage({ dataDir })).toEqual({
      storage: 'postgres',
      databaseUrl: url(),
      overridden: false,
    })
  })
})
