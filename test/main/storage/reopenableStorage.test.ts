import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMirror } from '../../../src/main/mirror'
import type { StorageKind } from '../../../src/main/storage/storage'
import { makeMessage, makeSession } from '../../../src/testing/fixtures'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

describe("the mirror's sessions store behind its reopenable gate", () => {
  // The gate forwards every method, so an optional one (importSessions) must still work on a
  // backend that lacks it instead of failing with "no method".
  it.each<StorageKind>(['json', 'memory', 'sqlite'])(
    'writes a batch of imported sessions on %s',
    async (kind) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-reopenable-'))
      dirs.push(dataDir)
      const mirror = await createMirror({ dataDir, storage: kind })
      try {
        const batch = [0, 1].map((n) => {
          const session = makeSession({ title: `Imported ${n}` })
          return { session, messages: [makeMessage(session.id, { content: `Note ${n}` })] }
        })
        expect(await mirror.storage.importSessions!(batch)).toEqual([null, null])
        const titles = (await mirror.storage.listSessions()).items.map((s) => s.title).sort()
        expect(titles).toEqual(['Imported 0', 'Imported 1'])
      } finally {
        await mirror.close()
      }
    },
  )
})
