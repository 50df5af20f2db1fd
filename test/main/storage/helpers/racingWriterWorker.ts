/**
 * Child process for the racing-writers test: opens the store once and keeps it open (as the app
 * or the browser host does), waits for the go file, then mixes appends to one shared session,
 * edits of its own earlier messages and renames of that session. After each write resolves it
 * prints `ack <kind> <id> <value>`: the writes the test then requires to be in the store.
 * Usage: node --import tsx racingWriterWorker.ts <json|sqlite> <dir> <sessionId> <count> <tag> <readyFile> <goFile>
 */
import path from 'node:path'
import type { Message } from '../../../../src/shared/domain'
import { openJsonStorage } from '../../../../src/main/storage/json/jsonStorage'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../../src/main/storage/storage'
import { workerGate } from '../../helpers/workerGate'

const gate = workerGate(5, 'racingWriterWorker <json|sqlite> <dir> <session> <count> <tag>')
const [kind, dir, sessionId, countText, tag] = gate.args as [string, string, string, string, string]

const storage: Storage =
  kind === 'json'
    ? await openJsonStorage(dir)
    : await openSqliteStorage(path.join(dir, 'activemirror.db'))
await gate.ready()

const ack = (what: string, id: string, value: string): void => {
  process.stdout.write(`ack ${what} ${id} ${JSON.stringify(value)}\n`)
}

const written: Message[] = []
const count = Number(countText)
for (let i = 0; i < count; i++) {
  const message: Message = {
    id: `msg_${tag}_${i}`,
    sessionId,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `${tag} writes message ${i}`,
    createdAt: new Date().toISOString(),
    pattern: i % 3 === 0 ? 'creative' : null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: { tag },
  }
  await storage.appendMessage(message)
  ack('append', message.id, message.content)
  written.push(message)
  if (i % 4 === 3) {
    const earlier = written[i - 2]!
    const content = `${earlier.content} (edited by ${tag} at ${i})`
    await storage.updateMessage({ ...earlier, content })
    earlier.content = content
    ack('edit', earlier.id, content)
  }
  if (i % 5 === 4) {
    const title = `renamed by ${tag} at ${i}`
    await storage.updateSession(sessionId, { title, updatedAt: new Date().toISOString() })
    ack('rename', sessionId, title)
  }
}
await storage.close()
