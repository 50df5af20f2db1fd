/**
 * Child process for the JSON store's two-process test: opens the folder, signals it is ready,
 * waits for the go file (so both start together), creates `count` sessions, then deletes every
 * other one of its own.
 * Usage: node --import tsx createSessionsWorker.ts <dir> <count> <tag> <readyFile> <goFile> (see workerGate)
 */
import { openJsonStorage } from '../../../../src/main/storage/json/jsonStorage'
import { workerGate } from '../../helpers/workerGate'

const gate = workerGate(3, 'createSessionsWorker <dir> <count> <tag>')
const [dir, countText, tag] = gate.args as [string, string, string]

const storage = await openJsonStorage(dir)
await gate.ready()

const count = Number(countText)
const at = new Date().toISOString()
for (let i = 0; i < count; i++) {
  await storage.createSession({
    id: `${tag}-${i}`,
    title: `${tag} ${i}`,
    createdAt: at,
    updatedAt: at,
    messageCount: 0,
    archived: false,
    metadata: {},
  })
}
for (let i = 0; i < count; i += 2) await storage.deleteSession(`${tag}-${i}`)
await storage.close()
process.stdout.write(`${tag} done\n`)
