import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openContinuityLog } from '../../../src/main/continuity/continuityLog'
import { tempDir } from './helpers/temp'
import { runWorkersTogether } from '../helpers/workersTogether'

const worker = fileURLToPath(new URL('./helpers/logAppendWorker.ts', import.meta.url))
const PER_PROCESS = 200

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = tempDir('amos-continuity-two-')))
afterEach(() => cleanup())

it('two processes appending at once still form one verifiable chain', async () => {
  // Create the file first so both workers open an existing log.
  const setup = openContinuityLog(dir)
  await setup.append('session.created', 'setup', { title: 'setup' })
  await setup.close()

  const tags = ['a', 'b']
  await runWorkersTogether(worker, dir, tags, (tag) => [dir, String(PER_PROCESS), tag])

  const log = openContinuityLog(dir)
  try {
    expect(await log.verify()).toMatchObject({ ok: true, count: 1 + 2 * PER_PROCESS })
    const entries = (await log.list({ limit: 500 })).items.reverse()
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
    for (const tag of tags) {
      const mine = entries.filter((e) => e.subject?.startsWith(`${tag}_`)).map((e) => e.subject)
      expect(mine).toEqual(Array.from({ length: PER_PROCESS }, (_, i) => `${tag}_${i}`))
    }
    // The writers really overlapped (otherwise this test proves nothing about locking).
    const switches = entries
      .slice(1)
      .filter((e, i) => i > 0 && e.subject![0] !== entries[i]!.subject![0])
    expect(switches.length).toBeGreaterThan(0)
  } finally {
    await log.close()
  }
}, 60_000)
