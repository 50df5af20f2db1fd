import { MirrorError } from '../../shared/errors'
import type { Database } from './driver'

/** Row counts of every table (FTS shadow tables included), by name. */
export function tableCounts(db: Database): Map<string, number> {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )
    .pluck()
    .all() as string[]
  const counts = new Map<string, number>()
  for (const name of names) {
    const quoted = `"${name.replaceAll('"', '""')}"`
    counts.set(name, db.prepare(`SELECT count(*) FROM ${quoted}`).pluck().get() as number)
  }
  return counts
}

function ftsTables(db: Database): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'",
    )
    .pluck()
    .all() as string[]
}

const failed = (file: string, reason: string): MirrorError =>
  new MirrorError(
    'ENCRYPTION_VERIFY_FAILED',
    `The converted copy of ${file} did not match the original (${reason}); the original was kept unchanged.`,
    { file, reason },
  )

/**
 * Checks a converted copy against its source before it may replace it: SQLite's integrity check,
 * the same row count in every table, the same schema version and each FTS5 index's own check.
 */
export function verifyCopy(copy: Database, expected: Map<string, number>, file: string): void {
  const integrity = copy.pragma('integrity_check', { simple: true })
  if (integrity !== 'ok') throw failed(file, `integrity check: ${String(integrity)}`)
  const actual = tableCounts(copy)
  for (const [name, count] of expected) {
    if (actual.get(name) !== count) {
      throw failed(file, `table ${name} has ${actual.get(name) ?? 'no'} rows, expected ${count}`)
    }
  }
  if (actual.size !== expected.size) throw failed(file, 'the tables differ')
  for (const name of ftsTables(copy)) {
    const quoted = `"${name.replaceAll('"', '""')}"`
    try {
      copy.prepare(`INSERT INTO ${quoted}(${quoted}) VALUES ('integrity-check')`).run()
    } catch (error) {
      throw failed(file, `search index ${name}: ${(error as Error).message}`)
    }
  }
}
