import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createMirror } from '../../../src/main/mirror'
import type { CreateMirrorOptions, Mirror } from '../../../src/main/mirrorApi'

export interface TempMirror {
  dir: string
  mirror: Mirror
  /** Closes the mirror and opens a new one on the same data dir (like a restart). */
  reopen(): Promise<Mirror>
  cleanup(): Promise<void>
}

/** A real mirror on a fresh temp data dir, opened with `options(dir)` every time. */
export async function tempMirror(
  prefix: string,
  options: (dir: string) => Omit<CreateMirrorOptions, 'dataDir'>,
): Promise<TempMirror> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  const open = () => createMirror({ ...options(dir), dataDir: dir })
  const fx: TempMirror = {
    dir,
    mirror: await open(),
    async reopen() {
      await fx.mirror.close()
      fx.mirror = await open()
      return fx.mirror
    },
    async cleanup() {
      await fx.mirror.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  return fx
}
