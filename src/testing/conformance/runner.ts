import * as vitest from 'vitest'

type Body = () => Promise<void> | void

/**
 * The functions the suite registers its tests with: vitest's by default, or node:test's
 * (`{ describe, it, beforeEach, afterEach }` from 'node:test'). The checks are vitest's `expect`
 * either way: it runs in plain Node too.
 */
export interface TestRunner {
  describe(name: string, fn: () => void): unknown
  it(name: string, fn: Body): unknown
  beforeEach(fn: Body): unknown
  afterEach(fn: Body): unknown
}

// Registration is synchronous under both runners, so the runner of the suite being registered is
// the one every nested describe and it below reaches.
let current: TestRunner = vitest

export function useRunner(runner: TestRunner | undefined): void {
  current = runner ?? vitest
}

export const describe = (name: string, fn: () => void): void => void current.describe(name, fn)
export const it = (name: string, fn: Body): void => void current.it(name, fn)
export const beforeEach = (fn: Body): void => void current.beforeEach(fn)
export const afterEach = (fn: Body): void => void current.afterEach(fn)
