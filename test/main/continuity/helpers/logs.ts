import path from 'node:path'
import { openContinuityLog } from '../../../../src/main/continuity/continuityLog'
import type { ContinuityLog } from '../../../../src/main/continuity/continuityLog'
import { CONTINUITY_FILE_NAME } from '../../../../src/main/continuity/continuityStore'
import { steppingClock } from './temp'

export const logFile = (dir: string): string => path.join(dir, CONTINUITY_FILE_NAME)

export function openLog(dir: string): ContinuityLog {
  return openContinuityLog(dir, { clock: steppingClock() })
}

/** Appends `count` varied entries (every appendable type shows up). */
export async function fill(log: ContinuityLog, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const subject = `session_${i % 3}`
    switch (i % 4) {
      case 0:
        await log.append('session.created', subject, { title: `Session ${i}` })
        break
      case 1:
        await log.append('message.added', subject, {
          messageId: `msg_${i}`,
          role: 'user',
          sensitive: false,
          contentSha256: 'ab'.repeat(32),
        })
        break
      case 2:
        await log.append('session.renamed', subject, { from: `Old ${i}`, to: `New ${i}` })
        break
      default:
        await log.append('export', subject, { format: 'markdown', messageCount: i })
    }
  }
}
