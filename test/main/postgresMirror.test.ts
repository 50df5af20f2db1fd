import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, expect, it } from 'vitest'
import { createMirror } from '../../src/main/mirror'
import type { Mirror } from '../../src/main/mirrorApi'
import type { StorageChange } from '../../src/main/storage/storage'
import { MIN_ITERATIONS } from '../../src/main/crypto/kdf'
import { amosJson, amos } from '../cli/helpers/runCli'
import { describePostgres, useTestDatabase } from './storage/helpers/postgresDb'

// Two "machines": two data dirs (each device's own vault, continuity log and settings), one
// PostgreSQL database holding the history.
describePostgres('two mirrors on one PostgreSQL database', () => {
  const url = useTestDatabase()
  const dirs: string[] = []
  const machine = (): Promise<Mirror> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-pg-machine-'))
    dirs.push(dir)
    return createMirror({
      dataDir: dir,
      storage: 'postgres',
      databaseUrl: url(),
      vault: { keychainService: `ActiveMirror-test-${randomUUID()}`, iterations: MIN_ITERATIONS },
    })
  }
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('see one history, and each other’s new sessions and messages within a second', async () => {
    const home = await machine()
    const work = await machine()
    const seen: StorageChange[] = []
    const stop = home.changes.on((change) => seen.push(change))
    const heard = (id: string): boolean => seen.some((c) => c.all || c.sessionIds.includes(id))
    // The listener connects in the background: wait until a first change from `work` arrives.
    const warmUp = await work.sessions.create({ title: 'warm-up' })
    await expect
      .poll(
        async () => {
          await work.sessions.rename(warmUp.id, `warm-up ${Date.now()}`)
          return heard(warmUp.id)
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBe(true)

    seen.length = 0
    let started = performance.now()
    const session = await work.sessions.create({ title: 'Planning from the office' })
    await expect.poll(() => heard(session.id), { timeout: 1_000, interval: 20 }).toBe(true)
    expect(performance.now() - started).toBeLessThan(1_000)

    seen.length = 0
    started = performance.now()
    const { userMessage, completion } = await work.chat.send({
      sessionId: session.id,
      text: 'Draft the roadmap',
      pattern: 'analytical',
      uncertainty: 'none',
    })
    await expect.poll(() => heard(session.id), { timeout: 1_000, interval: 20 }).toBe(true)
    expect(performance.now() - started).toBeLessThan(1_000)
    await completion

    // One history: home reads what work wrote, the reply included, and finds it by search.
    const onHome = await home.sessions.get(session.id)
    expect(onHome.title).toBe('Planning from the office')
    const messages = (await home.storage.listMessages(session.id)).items
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(messages[0]!.id).toBe(userMessage.id)
    const hits = await home.storage.search('roadmap')
    expect(hits.map((h) => h.messageId)).toContain(userMessage.id)
    stop()
    await Promise.all([home.close(), work.close()])
  })

  it('keeps sensitive content off the server: sealed in this device’s vault', async () => {
    const laptop = await machine()
    const other = await machine()
    await laptop.vault.init('correct horse battery staple')
    const session = await laptop.sessions.create({ title: 'Private' })
    const secret = 'VERMILION-OTTER lives at 12 Harbour Lane'
    const { userMessage, completion } = await laptop.chat.send({
      sessionId: session.id,
      text: secret,
      pattern: 'analytical',
      uncertainty: 'none',
      sensitive: true,
    })
    await completion
    const client = new pg.Client({ connectionString: url() })
    await client.connect()
    const leaked = await client.query(
      `SELECT id FROM messages WHERE content LIKE '%VERMILION%'
         OR search_words::text LIKE '%vermilion%' OR metadata LIKE '%VERMILION%'`,
    )
    const row = await client.query('SELECT content, sensitive FROM messages WHERE id = $1', [
      userMessage.id,
    ])
    await client.end()
    expect(leaked.rows).toEqual([])
    expect(row.rows).toEqual([{ content: '', sensitive: true }])
    // This device reads it back from its vault; another device sees that it is sealed.
    const mine = (await laptop.storage.listMessages(session.id)).items[0]!
    expect(mine.content).toBe(secret)
    const theirs = (await other.storage.listMessages(session.id)).items[0]!
    expect(theirs.content).toBe('')
    expect(theirs.sensitive).toBe(true)
    await Promise.all([laptop.close(), other.close()])
  })

  it('the CLI takes --storage postgres --database-url, and env AMOS_DATABASE_URL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-pg-cli-'))
    dirs.push(dir)
    const created = await amosJson<{ id: string }>([
      '--storage',
      'postgres',
      '--database-url',
      url(),
      '--data-dir',
      dir,
      '--json',
      'sessions',
      'create',
      'From the CLI',
    ])
    const listed = await amosJson<Array<{ id: string }>>(
      ['--storage', 'postgres', '--data-dir', dir, '--json', 'sessions', 'list'],
      { env: { AMOS_DATABASE_URL: url() } },
    )
    expect(listed.map((s) => s.id)).toContain(created.id)
    const missing = await amos(['--storage', 'postgres', '--data-dir', dir, 'sessions', 'list'], {
      env: { AMOS_DATABASE_URL: undefined },
    })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^USAGE: .*AMOS_DATABASE_URL/)
  })

  it('an unreachable server is STORAGE_UNAVAILABLE on the CLI, the password never printed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-pg-cli-'))
    dirs.push(dir)
    const result = await amos([
      '--storage',
      'postgres',
      '--database-url',
      'postgres://amos:hunter2@127.0.0.1:1/none',
      '--data-dir',
      dir,
      'sessions',
      'list',
    ])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^STORAGE_UNAVAILABLE: /)
    expect(result.stderr).not.toContain('hunter2')
  })
})
