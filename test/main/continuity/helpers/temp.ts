import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Clock } from '../../../../src/main/services/ids'

/** A temp folder for one test, removed by `cleanup`. */
export function tempDir(prefix = 'amos-continuity-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** A clock that advances one second per reading, from a fixed start. */
export function steppingClock(start = '2025-03-01T10:00:00.000Z'): Clock {
  let t = Date.parse(start)
  return {
    now: () => {
      const d = new Date(t)
      t += 1000
      return d
    },
  }
}
