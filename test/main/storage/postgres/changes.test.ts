import { expect, it } from 'vitest'
import { openPostgresStorage } from '../../../../src/main/storage/postgres/postgresStorage'
import type { StorageChange } from '../../../../src/main/storage/storage'
import { describePostgres, uniqueName, useTestDatabase } from '../helpers/postgresDb'
import { makeMessage, makeSession } from '../helpers/fixtures'

describePostgres('PostgreSQL: changes from other machines', () => {
  const url = useTestDatabase()

  it('reports sessions, messages and folders another host wrote within a second', async () => {
    const schema = uniqueName('w')
    const writer = await openPostgresStorage({ url: url(), schema })
    const reader = await openPostgresStorage({ url: url(), schema })
    // Another schema on the same server: its changes are not ours.
    const neighbour = await openPostgresStorage({ url: url(), schema: uniqueName('n') })
    const seen: StorageChange[] = []
    const stop = reader.watchChanges((change) => seen.push(change))
    const ids = (): Set<string> => new Set(seen.flatMap((c) => c.sessionIds))

    // Until the listener is connected, notices are not heard: wait for a first one.
    const warmUp = makeSession()
    await expect
      .poll(
        async () => {
          if (!(await writer.hasSession(warmUp.id))) await writer.createSession(warmUp)
          else await writer.updateSession(warmUp.id, { title: `t ${Date.now()}` })
          return ids().has(warmUp.id)
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true)

    await neighbour.createSession(makeSession({ id: 'not_ours' }))
    const session = makeSession()
    let started = performance.now()
    await writer.createSession(session)
    await expect.poll(() => ids().has(session.id), { timeout: 1_000, interval: 20 }).toBe(true)
    const sessionLatency = performance.now() - started

    seen.length = 0
    started = performance.now()
    await writer.appendMessage(makeMessage(session.id))
    await expect.poll(() => ids().has(session.id), { timeout: 1_000, interval: 20 }).toBe(true)
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(sessionLatency).toBeLessThan(1_000)

    await writer.createFolder({ id: 'f1', name: 'Shared', createdAt: new Date().toISOString() })
    await expect.poll(() => seen.some((c) => c.folders === true), { timeout: 1_000 }).toBe(true)
    expect(ids().has('not_ours')).toBe(false)

    // The reader's own writes are not news to it (as SQLite's data_version leaves out its own).
    const own = makeSession({ id: 'written_by_the_reader' })
    await reader.createSession(own)
    const after = makeSession()
    await writer.createSession(after)
    await expect.poll(() => ids().has(after.id), { timeout: 1_000, interval: 20 }).toBe(true)
    expect(ids().has(own.id)).toBe(false)

    stop()
    await Promise.all([writer.close(), reader.close(), neighbour.close()])
  })
})
