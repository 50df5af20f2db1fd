import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ImportFile } from '../../../../src/main/services/contracts'
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
