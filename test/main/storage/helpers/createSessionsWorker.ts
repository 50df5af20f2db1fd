/**
 * Child process for the JSON store's two-process test: opens the folder, signals it is ready,
 * waits for the go file (so both start together), creates `count` sessions, then deletes every
 * other one of its own.
 * Usage: node --import tsx createSessionsWorker.ts <dir> <count> <tag> <readyFile> <goFile>
 */
import fs from 'node:fs'
import { openJsonStorage } from '../../../../src/main/storage/json/jsonStorage'

const [dir, countText, tag, readyFile, goFile] = process.argv.slice(2)
if (!dir || !countText || !tag || !readyFile || !goFile) {
  process.stderr.write('usage: createSessionsWorker <dir> <count> <tag> <ready> <go>\n')
  process.exit(2)
}

const storage = await openJsonStorage(dir)
fs.writeFileSync(readyFile, 'ready')
while (!fs.existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2))

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
