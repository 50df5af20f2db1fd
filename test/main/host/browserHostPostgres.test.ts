import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunningHost } from '../../../src/main/host/hostServer'
import { startBrowserHost } from '../../../src/main/host/browserHost'
import { routes } from '../../../src/shared/routes'
import { describePostgres, useTestDatabase } from '../storage/helpers/postgresDb'
import { TestClient } from './wsClient'

// Two browser hosts (two machines, each with its own data dir) on one PostgreSQL database.
describePostgres('browser host with --storage postgres', () => {
  const url = useTestDatabase()
  const dirs: string[] = []
  const hosts: RunningHost[] = []

  const start = async (): Promise<RunningHost> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'amos-browser-pg-'))
    dirs.push(dataDir)
    const host = await startBrowserHost({
      dataDir,
      storage: 'postgres',
      databaseUrl: url(),
      port: 0,
      staticDir: join(dataDir, 'no-renderer'),
    })
    hosts.push(host)
    return host
  }

  beforeAll(async () => {
    await start()
    await start()
  })
  afterAll(async () => {
    for (const host of hosts) await host.close()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('serves the shared history, and a tab sees what the other machine wrote', async () => {
    const [home, work] = hosts as [RunningHost, RunningHost]
    const onHome = await TestClient.connect(home.port, home.token)
    const onWork = await TestClient.connect(work.port, work.token)
    const info = routes['app.info'].output.parse((await onHome.request('app.info', {})).data)
    expect(info.storage).toBe('postgres')

    const changedFor = (id: string) => (frame: { event?: string; payload?: unknown }) =>
      frame.event === 'sessions.changed' &&
      ((frame.payload as { sessionIds: string[]; all: boolean }).all ||
        (frame.payload as { sessionIds: string[] }).sessionIds.includes(id))
    const create = async (title: string): Promise<string> =>
      routes['sessions.create'].output.parse(
        (await onWork.request('sessions.create', { title })).data,
      ).id
    // The first changes may come before the listener's connection is up: wait for one.
    const early: string[] = []
    await expect
      .poll(
        async () => {
          early.push(await create('warm-up'))
          return early.some((id) => onHome.frames.some(changedFor(id)))
        },
        { timeout: 10_000, interval: 300 },
      )
      .toBe(true)
    const started = performance.now()
    const created = await create('Written at work')
    await onHome.waitFor(changedFor(created), 1_000)
    expect(performance.now() - started).toBeLessThan(1_000)
    const listed = routes['sessions.list'].output.parse(
      (await onHome.request('sessions.list', {})).data,
    )
    expect(listed.items.map((s) => s.id)).toContain(created)
    onHome.close()
    onWork.close()
  })
})
