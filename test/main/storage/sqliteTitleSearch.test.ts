import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
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

it('a title needle in many titles pages newest first, like a rare one', async () => {
  const file = path.join(tmp.dir, 'many.db')
  const storage = await openSqliteStorage(file)
  try {
    // More than the trigram index's "common" threshold (200) hold "garden".
    for (let i = 0; i < 230; i++) {
      const title = i % 2 === 0 ? `Garden day ${i}` : `Harbour day ${i}`
      await storage.createSession(makeSession({ title, updatedAt: at(i) }))
    }
    await storage.createSession(makeSession({ title: 'Rooftop gardén', updatedAt: at(1_000) }))
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page = await storage.listSessions({
        archived: 'all',
        titleContains: 'GARDEN',
        limit: 50,
        cursor,
      })
      seen.push(...page.items.map((s) => s.title))
      cursor = page.nextCursor
    } while (cursor)
    const expected = [
      'Rooftop gardén',
      ...Array.from({ length: 115 }, (_, k) => `Garden day ${228 - 2 * k}`),
    ]
    expect(seen).toEqual(expected)
    const rare = await storage.listSessions({ archived: 'all', titleContains: 'rooftop' })
    expect(rare.items.map((s) => s.title)).toEqual(['Rooftop gardén'])
  } finally {
    await storage.close()
  }
})
