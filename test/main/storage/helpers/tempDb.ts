import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import type { Database as Db } from 'better-sqlite3-multiple-ciphers'

/** A temp folder for one test, removed by `cleanup`. */
export function tempDir(prefix = 'amos-sqlite-'): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

/** A raw connection with the pragmas the app uses, for migration tests. */
export function rawDb(file: string): Db {
  const db = new Database(file)
  db.pragma('foreign_keys = ON')
  return db
}

export function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

export function tableNames(db: Db): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[]
}

export function columnNames(db: Db, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name)
}

/**
 * Every (term, rowid) pair in the FTS index, read through fts5vocab: the exact index contents,
 * independent of the content table.
 */
export function ftsEntries(db: Db): Array<{ term: string; doc: number }> {
  db.exec(
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, 'messages_fts', 'instance')",
  )
  return db
    .prepare('SELECT DISTINCT term, doc FROM temp.fts_vocab ORDER BY doc, term')
    .all() as Array<{ term: string; doc: number }>
}
