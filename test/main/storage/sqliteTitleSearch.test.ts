import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import { at, makeSession } from './helpers/fixtures'
import { tempDir } from './helpers/tempDb'

const tmp = tempDir()
afterEach(() => tmp.cleanup())

it('every session write stores the folded title the title search reads', async () => {
  const file = path.join(tmp.dir, 'titles.db')
  const storage = await openSqliteStorage(file)
  const reader = new Database(file, { readonly: true })
  const folded = (id: string): unknown =>
    reader.prepare('SELECT title_folded FROM sessions WHERE id = ?').pluck().get(id)
  try {
    const session = makeSession({ title: 'Été à Paris' })
    await storage.createSession(session)
    expect(folded(session.id)).toBe('ete a paris')
    await storage.updateSession(session.id, { title: 'NAÏVE Plans', updatedAt: at(5) })
    expect(folded(session.id)).toBe('naive plans')
    await storage.updateSession(session.id, { archived: true, updatedAt: at(6) })
    expect(folded(session.id)).toBe('naive plans')
    const imported = makeSession({ title: 'Crème Brûlée' })
    await storage.importSession(imported, [])
    expect(folded(imported.id)).toBe('creme brulee')
    const page = await storage.listSessions({ archived: 'all', titleContains: 'BRULEE' })
    expect(page.items.map((s) => s.id)).toEqual([imported.id])
  } finally {
    reader.close()
    await storage.close()
  }
})
