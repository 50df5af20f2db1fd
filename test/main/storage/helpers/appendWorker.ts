/**
 * Child process for the two-writer test: opens the database, signals it is ready, waits for the
 * go file (so both writers start together), then appends `count` messages one by one.
 * Usage: node --import tsx appendWorker.ts <dbFile> <sessionId> <count> <tag> <readyFile> <goFile> (see workerGate)
 */
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import { workerGate } from '../../helpers/workerGate'

const gate = workerGate(4, 'appendWorker <db> <session> <count> <tag>')
const [file, sessionId, countText, tag] = gate.args as [string, string, string, string]

const storage = await openSqliteStorage(file)
await gate.ready()

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
