import { expect, it } from 'vitest'
import { openPostgresStorage } from '../../../../src/main/storage/postgres/postgresStorage'
import type { PostgresStorage } from '../../../../src/main/storage/postgres/postgresStorage'
import type { Message } from '../../../../src/shared/domain'
import { describePostgres, uniqueName, useTestDatabase } from '../helpers/postgresDb'
import { at, makeMessage, makeSession } from '../helpers/fixtures'

describePostgres('PostgreSQL: many clients on one session', () => {
  const url = useTestDatabase()

  async function allPath(storage: PostgresStorage, sessionId: string): Promise<Message[]> {
    return (await storage.listMessages(sessionId, { limit: 10_000 })).items
  }

  it('two hosts appending to one session at once lose and reorder nothing', async () => {
    const schema = uniqueName('c')
    // Two pools: to the server, two machines, each with several connections in flight.
    const hostA = await openPostgresStorage({ url: url(), schema, maxConnections: 4 })
    const hostB = await openPostgresStorage({ url: url(), schema, maxConnections: 4 })
    const session = makeSession()
    await hostA.createSession(session)
    const PER_HOST = 120
    const send = async (host: PostgresStorage, name: string): Promise<string[]> => {
      const sent: string[] = []
      // Each host sends its messages in order (one after the other, as a chat does), both at once.
      for (let i = 0; i < PER_HOST; i++) {
        const m = makeMessage(session.id, {
          id: `${name}_${i}`,
          content: `${name} ${i}`,
          createdAt: at(i),
        })
        await host.appendMessage(m)
        sent.push(m.id)
      }
      return sent
    }
    // And a burst of unordered appends from both, several in flight per host.
    const burst = (host: PostgresStorage, name: string): Promise<void[]> =>
      Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          host.appendMessage(
            makeMessage(session.id, { id: `${name}_burst_${i}`, createdAt: at(500) }),
          ),
        ),
      )
    const [a, b] = await Promise.all([
      send(hostA, 'a'),
      send(hostB, 'b'),
      burst(hostA, 'x'),
      burst(hostB, 'y'),
    ])

    const path = await allPath(hostB, session.id)
    const total = 2 * PER_HOST + 80
    expect(path).toHaveLength(total)
    expect((await hostA.getSession(session.id)).messageCount).toBe(total)
    // One chain: every message below the one before it, the leaf is the last.
    path.forEach((m, i) => expect(m.parentId).toBe(i === 0 ? null : path[i - 1]!.id))
    expect((await hostA.getSession(session.id)).currentLeafId).toBe(path.at(-1)!.id)
    // Each host's messages in the order it sent them.
    const ids = path.map((m) => m.id)
    expect(ids.filter((id) => id.startsWith('a_'))).toEqual(a)
    expect(ids.filter((id) => id.startsWith('b_'))).toEqual(b)
    // No branch anywhere: the tree is the path.
    const tree = await hostA.listTree(session.id, { limit: 10_000 })
    expect(tree.items).toHaveLength(total)
    await hostA.close()
    await hostB.close()
  })

  it('a folder name two hosts create at once exists once; the other gets FOLDER_EXISTS', async () => {
    const schema = uniqueName('f')
    const hostA = await openPostgresStorage({ url: url(), schema })
    const hostB = await openPostgresStorage({ url: url(), schema })
    const results = await Promise.allSettled([
      hostA.createFolder({ id: 'fa', name: 'Work', createdAt: at(0) }),
      hostB.createFolder({ id: 'fb', name: 'work', createdAt: at(0) }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.find((r) => r.status === 'rejected')
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'FOLDER_EXISTS' })
    expect(await hostB.listFolders()).toHaveLength(1)
    await hostA.close()
    await hostB.close()
  })
})
