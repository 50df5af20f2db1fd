import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { sha256Hex } from '../../../src/main/continuity/chain'
import type { ContinuityLog } from '../../../src/main/continuity/continuityLog'
import { withContinuity } from '../../../src/main/continuity/loggingStorage'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../src/main/storage/storage'
import { makeMessage, makeSession } from '../storage/helpers/fixtures'
import { openLog } from './helpers/logs'
import { tempDir } from './helpers/temp'

let dir: string
let cleanup: () => void
let log: ContinuityLog
let storage: Storage
const logErrors: unknown[] = []
beforeEach(async () => {
  ;({ dir, cleanup } = tempDir())
  log = openLog(dir)
  const inner = await openSqliteStorage(path.join(dir, 'activemirror.db'))
  storage = withContinuity(inner, log, { onLogError: (e) => logErrors.push(e) })
})
afterEach(async () => {
  await storage.close()
  await log.close()
  cleanup()
  logErrors.length = 0
})

it('logs message.added for tool and function messages like any other', async () => {
  const s = makeSession({ id: 's1', title: 'Tools' })
  await storage.createSession(s)
  await storage.appendMessage(
    makeMessage(s.id, { id: 't1', role: 'tool', content: '{"sky":"fog"}' }),
  )
  await storage.appendMessage(
    makeMessage(s.id, { id: 'f1', role: 'function', content: 'secret output', sensitive: true }),
  )

  expect(logErrors).toEqual([])
  const added = (await log.list({ limit: 10 })).items
    .filter((e) => e.type === 'message.added')
    .reverse()
    .map((e) => e.data)
  expect(added).toEqual([
    { messageId: 't1', role: 'tool', sensitive: false, contentSha256: sha256Hex('{"sky":"fog"}') },
    { messageId: 'f1', role: 'function', sensitive: true },
  ])
  expect((await log.verify()).ok).toBe(true)
})
