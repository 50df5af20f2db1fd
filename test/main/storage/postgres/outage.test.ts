import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPostgresStorage } from '../../../../src/main/storage/postgres/postgresStorage'
import type { PostgresStorage } from '../../../../src/main/storage/postgres/postgresStorage'
import type { StorageChange } from '../../../../src/main/storage/storage'
import { postgresBinDir, startPostgresCluster } from '../../../helpers/postgresCluster'
import type { PostgresCluster } from '../../../helpers/postgresCluster'
import { postgresRequired } from '../../../helpers/postgresSetup'
import { at, expectMirrorError, makeMessage, makeSession } from '../helpers/fixtures'

// This file stops and starts a server, so it runs its own cluster, never the shared one.
const binDir = postgresBinDir()
if (!binDir && !postgresRequired()) {
  console.warn('\x1b[1;33m!!! SKIPPED (PostgreSQL not installed): server outage tests\x1b[0m')
}

describe.skipIf(!binDir && !postgresRequired())(
  'PostgreSQL: the server goes away mid-session',
  () => {
    let cluster: PostgresCluster
    let storage: PostgresStorage

    beforeAll(async () => {
      if (!binDir) throw new Error('PostgreSQL is not installed (initdb not found)')
      cluster = await startPostgresCluster(binDir)
      storage = await openPostgresStorage({ url: cluster.url, schema: 'outage' })
    })
    afterAll(async () => {
      await storage?.close().catch(() => {})
      cluster?.destroy()
    })

    it('gives STORAGE_UNAVAILABLE, keeps every acknowledged message, and resumes after a restart', async () => {
      const session = makeSession()
      await storage.createSession(session)
      const changes: StorageChange[] = []
      const stop = storage.watchChanges((c) => changes.push(c))
      const acknowledged: string[] = []
      for (let i = 0; i < 20; i++) {
        const m = makeMessage(session.id, { id: `before_${i}`, createdAt: at(i) })
        await storage.appendMessage(m)
        acknowledged.push(m.id)
      }

      cluster.kill() // pg_ctl stop -m immediate: connections drop as in a crash
      const during = await expectMirrorError(
        storage.appendMessage(makeMessage(session.id, { id: 'during', createdAt: at(50) })),
        'STORAGE_UNAVAILABLE',
      )
      expect(during.message).toMatch(/cannot be reached/)
      expect(during.message).not.toMatch(/password/i)
      await expectMirrorError(storage.listMessages(session.id), 'STORAGE_UNAVAILABLE')
      await expectMirrorError(storage.search('anything'), 'STORAGE_UNAVAILABLE')

      cluster.start()
      // The same storage object, no reopen: the pool connects again on the next call.
      const resumed = makeMessage(session.id, { id: 'after', createdAt: at(60) })
      await storage.appendMessage(resumed)
      const path = (await storage.listMessages(session.id, { limit: 100 })).items.map((m) => m.id)
      expect(path).toEqual([...acknowledged, 'after'])
      expect((await storage.getSession(session.id)).messageCount).toBe(21)
      // The change listener came back too, and said that it may have missed something.
      await expect
        .poll(() => changes.some((c) => c.all), { timeout: 10_000, interval: 100 })
        .toBe(true)
      stop()
    })
  },
)
