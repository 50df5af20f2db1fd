// Run by largeImport.test.ts in its own process (node --expose-gc --import tsx), so that heap
// and RSS measure the import alone: `<conversations.json> <dataDir> <full|cancel> <worker|thread>`
// (a ChatGPT list read on the worker thread, or on the import's own).
import path from 'node:path'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'

const [file, dataDir, mode, reader] = process.argv.slice(2) as [
  string,
  string,
  'full' | 'cancel',
  'worker' | 'thread',
]
const gc = (globalThis as { gc?: () => void }).gc

async function main() {
  const storage = await openSqliteStorage(path.join(dataDir, 'activemirror.db'))
  const transfer = new TransferService({ storage, workDir: dataDir })
  gc?.()
  const base = process.memoryUsage()
  let peakHeap = 0
  let peakRss = 0
  const progress: Array<{ bytesRead: number; total: number; sessionsImported: number }> = []
  const controller = new AbortController()
  // Live heap: collected first, so garbage V8 has not got round to yet does not count.
  let calls = 0
  const sample = () => {
    gc?.()
    const now = process.memoryUsage()
    peakHeap = Math.max(peakHeap, now.heapUsed - base.heapUsed)
    peakRss = Math.max(peakRss, now.rss - base.rss)
  }
  let workers = 0
  const report = await transfer.importPaths([file], {
    limits: { parseWorkerMinBytes: reader === 'worker' ? 0 : Number.MAX_SAFE_INTEGER },
    parseWorker: { onStart: () => (workers += 1) },
    signal: controller.signal,
    onProgress: (p) => {
      if (calls++ % 5 === 0) sample()
      progress.push(p)
      if (mode === 'cancel' && p.sessionsImported >= 40) controller.abort()
    },
  })
  sample()
  const page = await storage.listSessions({ archived: 'all', limit: 500 })
  let complete = true
  let stored = page.items.length
  for (let cursor = page.nextCursor; cursor;) {
    const next = await storage.listSessions({ archived: 'all', limit: 500, cursor })
    stored += next.items.length
    cursor = next.nextCursor
  }
  for (const s of page.items) {
    const messages = await storage.listMessages(s.id, { limit: 500 })
    if (messages.items.length !== s.messageCount || s.messageCount === 0) complete = false
  }
  await storage.close()
  process.stdout.write(
    JSON.stringify({
      imported: report.imported.length,
      workers,
      failed: report.failed,
      cancelled: report.cancelled === true,
      stored,
      complete,
      peakHeap,
      peakRss,
      progress: progress.length,
      first: progress[0],
      last: progress.at(-1),
    }),
  )
}

void main()
