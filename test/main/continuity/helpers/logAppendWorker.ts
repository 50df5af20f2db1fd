/**
 * Child process for the two-writer test: opens continuity.db, signals it is ready, waits for the
 * go file (so both writers start together), then appends `count` entries one by one.
 * Usage: node --import tsx logAppendWorker.ts <dir> <count> <tag> <readyFile> <goFile> (see workerGate)
 */
import { openContinuityLog } from '../../../../src/main/continuity/continuityLog'
import { workerGate } from '../../helpers/workerGate'

const gate = workerGate(3, 'logAppendWorker <dir> <count> <tag>')
const [dir, countText, tag] = gate.args as [string, string, string]

const log = openContinuityLog(dir)
await gate.ready()

for (let i = 0; i < Number(countText); i++) {
  await log.append('session.created', `${tag}_${i}`, { title: `${tag} ${i}` })
  // A short pause now and then lets the other writer take the lock, so the two really interleave.
  if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1))
}
await log.close()
process.stdout.write(`${tag} done\n`)
