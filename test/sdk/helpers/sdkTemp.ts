import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMirror } from '../../../src/sdk'
import type { ActiveMirror, MirrorOptions } from '../../../src/sdk'

/** Mirrors opened through the SDK on fresh temp folders, closed and removed by `cleanup`. */
export function sdkMirrors() {
  const dirs: string[] = []
  const open: ActiveMirror[] = []
  return {
    dir(): string {
      const dir = mkdtempSync(join(tmpdir(), 'amos-sdk-'))
      dirs.push(dir)
      return dir
    },
    async open(options: Partial<MirrorOptions> = {}): Promise<ActiveMirror> {
      const mirror = await createMirror({ dataDir: options.dataDir ?? this.dir(), ...options })
      open.push(mirror)
      return mirror
    },
    async cleanup(): Promise<void> {
      for (const mirror of open.splice(0)) await mirror.close()
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
    },
  }
}
