import { execFileSync } from 'node:child_process'
import path from 'node:path'

/**
 * vitest global setup: the CLI tests that spawn bin/amos.mjs are meant to run the compiled CLI,
 * which the bin uses only while it is fresh; rebuild it when a source changed since (~1 s).
 */
export default function buildCliIfStale(): void {
  const script = path.resolve(import.meta.dirname, '../../../scripts/build-cli.mjs')
  execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' })
}
