import { parentPort, workerData } from 'node:worker_threads'
import { openSqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import { makeSession } from '../src/testing/fixtures'

/**
 * Another ActiveMirror process writing to the data folder while an import runs (the app while
 * `amos import` works, or the other way round), for importChild.ts: every 5 ms it creates a
 * session through the app's own SQLite storage, with its own connection, and notes the longest
 * a write took. Started through src/main/core/tsWorkerBoot.mjs; stops on any message and posts
 * that longest time.
 */
const { file } = workerData as { file: string }
const storage = await openSqliteStorage(file)
let stop = false
let longest = 0
let n = 0
parentPort!.once('message', () => {
  stop = true
})
while (!stop) {
  const started = performance.now()
  n += 1
  await storage.createSession(
    makeSession({ id: `probe-${process.pid}-${n}`, title: 'Written during the import' }),
  )
  longest = Math.max(longest, performance.now() - started)
  await new Promise((resolve) => setTimeout(resolve, 5))
}
await storage.close()
parentPort!.postMessage(longest)
