import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { makeSession } from './helpers/fixtures'
import { runWorkersTogether } from '../helpers/workersTogether'

const worker = fileURLToPath(new URL('./helpers/appendWorker.ts', import.meta.url))
const PER_PROCESS = 300

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-sqlite-two-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

it('two processes appending to the same session at once both succeed', async () => {
  const file = path.join(dir, 'mirror.db')
  const setup = await openSqliteStorage(file)
  const session = makeSession({ title: 'shared' })
  await setup.createSession(session)
  await setup.close()

  await runWorkersTogether(worker, dir, ['a', 'b'], (tag) => [
    file,
    session.id,
    String(PER_PROCESS),
    tag,
  ])

  const storage = await openSqliteStorage(file)
  try {
    const after = await storage.getSession(session.id)
    expect(after.messageCount).toBe(2 * PER_PROCESS)
    const page = await storage.listMessages(session.id, { limit: 10_000 })
    expect(page.items).toHaveLength(2 * PER_PROCESS)
    for (const tag of ['a', 'b']) {
      const mine = page.items.filter((m) => m.metadata.tag === tag)
      // Each writer's messages are all there, in the order it wrote them.
      expect(mine.map((m) => m.id)).toEqual(
        Array.from({ length: PER_PROCESS }, (_, i) => `msg_${tag}_${i}`),
      )
    }
    expect(await storage.search('writes message')).toHaveLength(20)
  } finally {
    await storage.close()
  }
}, 60_000)
