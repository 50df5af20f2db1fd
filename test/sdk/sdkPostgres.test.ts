import { afterEach, expect, it } from 'vitest'
import { openStorage } from '../../src/sdk'
import { describePostgres, useTestDatabase } from '../main/storage/helpers/postgresDb'
import { expectMirrorError } from '../main/storage/helpers/fixtures'
import { sdkMirrors } from './helpers/sdkTemp'

const mirrors = sdkMirrors()
afterEach(async () => {
  delete process.env['AMOS_OFFLINE_DELAY_MS']
  await mirrors.cleanup()
})

describePostgres('SDK on PostgreSQL', () => {
  const url = useTestDatabase()

  it("createMirror({ storage: 'postgres', databaseUrl }) keeps history on the server, shared by two mirrors", async () => {
    process.env['AMOS_OFFLINE_DELAY_MS'] = '0'
    const first = await mirrors.open({ storage: 'postgres', databaseUrl: url() })
    expect(first.storageKind).toBe('postgres')
    const session = await first.sessions.create({ title: 'Shared café plans' })
    const reply = await first.send({ sessionId: session.id, text: 'Budget for the harbour walk' })
    const { error } = await reply.completion
    expect(error).toBeNull()

    // Another data dir (another machine's vault and settings), the same server: the same history.
    const second = await mirrors.open({ storage: 'postgres', databaseUrl: url() })
    expect((await second.sessions.list()).items.map((s) => s.title)).toEqual(['Shared café plans'])
    const messages = await second.sessions.messages(session.id)
    expect(messages.items.map((m) => m.role)).toEqual(['user', 'assistant'])
    const found = await second.sessions.search('harbour')
    expect(found.hits.map((hit) => hit.sessionId)).toContain(session.id)
    expect((await second.sessions.search('cafe')).sessions.map((s) => s.id)).toEqual([session.id])
  })

  it('openStorage opens the built-in PostgreSQL backend for a custom one to wrap', async () => {
    const storage = await openStorage('postgres', undefined, { databaseUrl: url() })
    try {
      expect(storage.kind).toBe('postgres')
      expect((await storage.listSessions({ limit: 50 })).items.length).toBeGreaterThanOrEqual(0)
    } finally {
      await storage.close()
    }
  })
})

it("createMirror({ storage: 'postgres' }) without a URL is a USAGE error", async () => {
  const saved = process.env['AMOS_DATABASE_URL']
  delete process.env['AMOS_DATABASE_URL']
  try {
    await expectMirrorError(mirrors.open({ storage: 'postgres' }), 'USAGE')
  } finally {
    if (saved !== undefined) process.env['AMOS_DATABASE_URL'] = saved
  }
})
