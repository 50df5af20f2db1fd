import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll } from 'vitest'
import type { ImportFile } from '../../../../src/main/services/contracts'
import { openJsonStorage } from '../../../../src/main/storage/json/jsonStorage'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../../src/main/storage/storage'
import type { Message, Session } from '../../../../src/shared/domain'

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/import')

export function fixture(name: string): ImportFile {
  return { name, content: readFileSync(path.join(FIXTURES, name), 'utf8') }
}

export async function snapshot(
  storage: Storage,
): Promise<Array<{ session: Session; messages: Message[] }>> {
  const page = await storage.listSessions({ archived: 'all', limit: 500 })
  return Promise.all(
    page.items.map(async (session) => ({
      session,
      messages: (await storage.listMessages(session.id, { limit: 500 })).items,
    })),
  )
}

export function tempDir(prefix = 'amos-transfer-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** A temporary folder per call, all removed after the calling file's tests. */
export function tempDirs(): () => string {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
  return () => {
    const d = tempDir()
    dirs.push(d)
    return d
  }
}

/** The backends that keep data on disk, each opened in a fresh folder and reopened from it. */
export function diskBackends(
  dir: () => string,
): Array<
  [string, () => Promise<{ storage: Storage; folder: string; reopen(): Promise<Storage> }>]
> {
  return [
    [
      'sqlite',
      async () => {
        const folder = dir()
        const file = path.join(folder, 'mirror.db')
        return {
          storage: await openSqliteStorage(file),
          folder,
          reopen: () => openSqliteStorage(file),
        }
      },
    ],
    [
      'json',
      async () => {
        const folder = dir()
        return {
          storage: await openJsonStorage(folder),
          folder,
          reopen: () => openJsonStorage(folder),
        }
      },
    ],
  ]
}
