import type { Database } from './driver'

/**
 * One schema step. `up` runs inside the runner's IMMEDIATE transaction and must not commit;
 * versions are consecutive from 1. A released migration is never edited, only followed.
 */
export interface Migration {
  version: number
  name: string
  up(db: Database): void
}
