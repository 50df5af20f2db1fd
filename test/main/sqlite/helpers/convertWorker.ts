/**
 * Child process for the conversion kill tests: appends messages to a SQLite store (each append
 * acknowledged on stdout once it returned), then converts the file to the other encryption state.
 * With a step name it SIGKILLs itself at that step; with `none` the parent kills it on a timer.
 * Usage: node --import tsx convertWorker.ts <dbFile> <keyHex> <enable|disable> <count> <step|none>
 */
import { isEncryptedFile } from '../../../../src/main/sqlite/cipher'
import { convertDatabaseFile } from '../../../../src/main/sqlite/convertFile'
import type { ConvertStep } from '../../../../src/main/sqlite/convertFile'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'

const [file, keyHex, direction, countText, killAt] = process.argv.slice(2) as [
  string,
  string,
  'enable' | 'disable',
  string,
  ConvertStep | 'none',
]
const key = Buffer.from(keyHex, 'hex')
const storage = await openSqliteStorage(file, isEncryptedFile(file) ? { key } : {})
const sessionId = 'session_kill'
if (!(await storage.hasSession(sessionId))) {
  const now = new Date().toISOString()
  await storage.createSession({
    id: sessionId,
    title: 'Kill test',
    createdAt: now,
    updatedAt: now,
    messageCount: 0,
    archived: false,
    metadata: {},
    currentLeafId: null,
    pinned: false,
    folderId: null,
  })
}
const start = (await storage.getSession(sessionId)).messageCount
for (let i = start; i < start + Number(countText); i++) {
  await storage.appendMessage({
    id: `msg_kill_${i}`,
    sessionId,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `acknowledged message number ${i} about lighthouses`,
    createdAt: new Date().toISOString(),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  })
}
await storage.close()
process.stdout.write(`acked ${start + Number(countText)}\n`)

convertDatabaseFile(file, {
  from: direction === 'enable' ? null : key,
  to: direction === 'enable' ? key : null,
  onStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL')
  },
})
process.stdout.write('converted\n')
