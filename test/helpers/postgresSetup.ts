import type { TestProject } from 'vitest/node'
import { postgresBinDir, startPostgresCluster } from './postgresCluster'
import type { PostgresCluster } from './postgresCluster'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the run's PostgreSQL server, or '' when there is none (skipped). */
    postgresUrl: string
  }
}

/** CI must test against a real server; a developer machine without one skips those files, loudly. */
export function postgresRequired(): boolean {
  return Boolean(process.env.CI || process.env.AMOS_REQUIRE_POSTGRES)
}

/**
 * vitest global setup: one PostgreSQL server per run. AMOS_TEST_DATABASE_URL (a superuser URL:
 * each test file creates and drops its own database) wins; otherwise a throwaway cluster of the
 * installed server is started (~1 s) and removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.AMOS_TEST_DATABASE_URL
  if (given) {
    project.provide('postgresUrl', given)
    return () => {}
  }
  const binDir = postgresBinDir()
  if (!binDir) {
    const message =
      'PostgreSQL is not installed (no initdb): the PostgreSQL backend tests cannot run.'
    if (postgresRequired()) throw new Error(`${message} CI installs Debian's postgresql.`)
    console.warn(
      `\n\x1b[1;33m!!! ${message}\n!!! They are SKIPPED. Install postgresql or set AMOS_TEST_DATABASE_URL.\x1b[0m\n`,
    )
    project.provide('postgresUrl', '')
    return () => {}
  }
  let cluster: PostgresCluster | null = await startPostgresCluster(binDir)
  project.provide('postgresUrl', cluster.url)
  return () => {
    cluster?.destroy()
    cluster = null
  }
}
