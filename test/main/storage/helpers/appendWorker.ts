/**
 * Child process for the two-writer test: opens the database, signals it is ready, waits for the
 * go file (so both writers start together), then appends `count` messages one by one.
 * Usage: node --import tsx appendWorker.ts <dbFile> <sessionId> <count> <tag> <readyFile> <goFile>
 */
import fs from 'node:fs'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'

const [file, sessionId, countText, tag, readyFile, goFile] = process.argv.slice(2)
if (!file || !sessionId || !countText || !tag || !readyFile || !goFile) {
  process.stderr.write('usage: appendWorker <db> <session> <count> <tag> <ready> <go>\n')
  process.exit(2)
}

const storage = await openSqliteStorage(file)
fs.writeFileSync(readyFile, 'ready')
while (!fs.existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2))

const count = Number(countText)
for (let i = 0; i < count; i++) {
  await storage.appendMessage({
    id: `msg_${tag}_${i}`,
    sessionId,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `${tag} writes message ${i}`,
    createdAt: new Date().toISOString(),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: { tag },
  })
}
await storage.close()
process.stdout.write(`${tag} done\n`)
