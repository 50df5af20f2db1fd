/**
 * Child process for the two-writer test: opens continuity.db, signals it is ready, waits for the
 * go file (so both writers start together), then appends `count` entries one by one.
 * Usage: node --import tsx logAppendWorker.ts <dir> <count> <tag> <readyFile> <goFile>
 */
import fs from 'node:fs'
import { openContinuityLog } from '../../../../src/main/continuity/continuityLog'

const [dir, countText, tag, readyFile, goFile] = process.argv.slice(2)
if (!dir || !countText || !tag || !readyFile || !goFile) {
  process.stderr.write('usage: logAppendWorker <dir> <count> <tag> <ready> <go>\n')
  process.exit(2)
}

const log = openContinuityLog(dir)
fs.writeFileSync(readyFile, 'ready')
while (!fs.existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2))

for (let i = 0; i < Number(countText); i++) {
  await log.append('session.created', `${tag}_${i}`, { title: `${tag} ${i}` })
  // A short pause now and then lets the other writer take the lock, so the two really interleave.
  if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1))
}
await log.close()
process.stdout.write(`${tag} done\n`)
