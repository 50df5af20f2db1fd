import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { createMirror } from '../src/main/mirror'
import { importChatGptConversation } from '../src/main/services/transfer/import/formats/chatgpt/importChatGpt'
import { streamJsonList } from '../src/main/services/transfer/import/jsonListStream'
import { migrate } from '../src/main/storage/sqlite/migrate'
import { INSERT_SQL, rawConnection, rowValues } from './storageCorpus'

/**
 * One import, alone in its process (so peak RSS is its own), for importBench.ts:
 * `importChild.ts app|raw FILE DATA_DIR [BATCH_MESSAGES] [probe]`. Prints one JSON line.
 * - app: the app's stack as the CLI and the app build it (createMirror: continuity log, vault
 *   layer, local-write notes), `transfer.importPaths`, with the bundled list worker.
 * - raw: the same parse (stream + ChatGPT mapping), then plain better-sqlite3 INSERTs of the same
 *   rows into the same schema (FTS and change-log triggers included), one transaction per batch.
 */
const [mode, file, dataDir, batchArg, probeArg] = process.argv.slice(2)
const batchMessages = batchArg ? Number(batchArg) : undefined
const withProbe = probeArg === 'probe'

/** Starts bench/importWriterProbe.ts on `file`; the returned call stops it and gives its longest write. */
function startProbe(file: string): () => Promise<number> {
  const boot = new URL('../src/main/core/tsWorkerBoot.mjs', import.meta.url)
  const entryUrl = new URL('./importWriterProbe.ts', import.meta.url).href
  const worker = new Worker(boot, { workerData: { entryUrl, file } })
  return () =>
    new Promise((resolve, reject) => {
      worker.once('error', reject)
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
  // The probe's own work (a write every 5 ms, through a second thread) would slow the import:
  // it runs only in the run that measures it, never in the ones that time the import.
  const stopProbe = withProbe ? startProbe(path.join(dataDir!, 'activemirror.db')) : null
  const started = performance.now()
  const report = await mirror.transfer.importPaths([file!], {
    limits: batchMessages ? { importBatchMessages: batchMessages } : {},
    // The list worker as the app and the CLI ship it (importBench builds it first): run from
    // source it would boot a TypeScript loader in its thread, which no installed app does.
    parseWorker: { script: { file: new URL('../out/cli/chatgptListWorker.mjs', import.meta.url) } },
    onWrite: ({ ms, messages }) => {
      writes += 1
      if (ms > longest) [longest, longestMessages] = [ms, messages]
    },
  })
  const ms = performance.now() - started
  const stall = stopProbe ? await stopProbe() : undefined
  await mirror.close()
  if (report.failed.length > 0) throw new Error(JSON.stringify(report.failed.slice(0, 3)))
  const figures = { ms, sessions: report.imported.length, longest, longestMessages, writes }
  return stall === undefined ? figures : { ...figures, stall }
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
