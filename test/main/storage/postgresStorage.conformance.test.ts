import pg from 'pg'
import { openPostgresStorage } from '../../../src/main/storage/postgres/postgresStorage'
import type { Storage } from '../../../src/main/storage/storage'
import { describeStorageConformance } from './conformance'
import { describePostgres, uniqueName, useTestDatabase } from './helpers/postgresDb'

// Each test gets an empty schema of its own in this file's database: the same tables,
// migrations and triggers as a real install, without a database per test.
describePostgres('PostgreSQL backend', () => {
  const url = useTestDatabase()

  describeStorageConformance('postgres', async () => {
    const schema = uniqueName('t')
    let current: Storage = await openPostgresStorage({ url: url(), schema, maxConnections: 4 })
    return {
      storage: current,
      reopen: async () => {
        await current.close()
        current = await openPostgresStorage({ url: url(), schema, maxConnections: 4 })
        return current
      },
      cleanup: async () => {
        await current.close()
        const client = new pg.Client({ connectionString: url() })
        await client.connect()
        await client.query(`DROP SCHEMA ${schema} CASCADE`)
        await client.end()
      },
    }
  })
})
