import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { createMirror } from '../src/main/mirror'
import { importChatGptConversation } from '../src/main/services/transfer/import/formats/chatgpt/importChatGpt'
import { streamJsonList } from '../src/main/services/transfer/import/jsonListStream'
import { migrate } from '../src/main/storage/sqlite/migrate'
import { INSERT_SQL, rawConnection, rowValues } from './storageCorpus'

/**
 * One import, alone in its process (so peak RSS is its own), for importBench.ts:
 * `importChild.ts app|raw FILE DATA_DIR [BATCH_MESSAGES]`. Prints one JSON line.
 * - app: the app's stack as the CLI and the app build it (createMirror: continuity log, vault
 *   layer, local-write notes), `transfer.importPaths`.
 * - raw: the same parse (stream + ChatGPT mapping), then plain better-sqlite3 INSERTs of the same
 *   rows into the same schema (FTS and change-log triggers included), one transaction per batch.
 */
const [mode, file, dataDir, batchArg] = process.argv.slice(2)
const batchMessages = batchArg ? Number(batchArg) : undefined

// Another writer on the same file, as the CLI or a second app would be: every 5 ms it takes the
// write lock (BEGIN IMMEDIATE, waiting up to busy_timeout) and notes the longest wait.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
let stop = false
parentPort.on('message', () => { stop = true })
const db = new Database(workerData.file, { timeout: 10000 })
let longest = 0
const tick = () => {
  if (stop) { db.close(); parentPort.postMessage(longest); return }
  const started = performance.now()
  db.exec('BEGIN IMMEDIATE'); db.exec('COMMIT')
  longest = Math.max(longest, performance.now() - started)
  setTimeout(tick, 5)
}
tick()
`

function startProbe(file: string): () => Promise<number> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers')
  const worker = new Worker(PROBE, { eval: true, workerData: { file, driver } })
  return () =>
    new Promise((resolve) => {
      worker.once('message', (ms: number) => void worker.terminate().then(() => resolve(ms)))
      worker.postMessage('stop')
    })
}

async function app(): Promise<Record<string, number>> {
  const mirror = await createMirror({
    dataDir: dataDir!,
    storage: 'sqlite',
    vault: { keychainService: 'activemirror-bench' },
  })
  let longest = 0
  let longestMessages = 0
  let writes = 0
  const stopProbe = startProbe(path.join(dataDir!, 'activemirror.db'))
  const started = performance.now()
  const report = await mirror.transfer.importPaths([file!], {
    limits: batchMessages ? { importBatchMessages: batchMessages } : {},
    onWrite: ({ ms, messages }) => {
      writes += 1
      if (ms > longest) [longest, longestMessages] = [ms, messages]
    },
  })
  const ms = performance.now() - started
  const stall = await stopProbe()
  await mirror.close()
  if (report.failed.length > 0) throw new Error(JSON.stringify(report.failed.slice(0, 3)))
  return { ms, sessions: report.imported.length, longest, longestMessages, writes, stall }
}

async function raw(): Promise<Record<string, number>> {
  const db = rawConnection(`${dataDir}/raw.db`)
  migrate(db)
  const insertSession = db.prepare(
    'INSERT INTO sessions (id, title, created_at, updated_at, message_count, current_leaf_id) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insert = db.prepare(INSERT_SQL)
  const write = db.transaction((batch: ReturnType<typeof importChatGptConversation>[]) => {
    for (const { session, messages } of batch) {
      const leaf = session.currentLeafId ?? messages.at(-1)!.id
      insertSession.run(
        session.id,
        session.title,
        session.createdAt,
        session.updatedAt,
        messages.length,
        leaf,
      )
      for (const m of messages) insert.run(...rowValues(m, m.parentId ?? null, true))
    }
  })
  const started = performance.now()
  let batch: ReturnType<typeof importChatGptConversation>[] = []
  let pending = 0
  let sessions = 0
  for await (const value of streamJsonList(fs.createReadStream(file!), () => {})) {
    const parsed = importChatGptConversation(value)
    batch.push(parsed)
    pending += parsed.messages.length
    sessions += 1
    if (pending >= (batchMessages ?? 500)) {
      write(batch)
      batch = []
      pending = 0
    }
  }
  write(batch)
  const ms = performance.now() - started
  db.close()
  return { ms, sessions }
}

;(mode === 'raw' ? raw() : app())
  .then((figures) => {
    const maxRssMb = process.resourceUsage().maxRSS / 1024
    console.log(JSON.stringify({ ...figures, maxRssMb }))
  })
  .catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
