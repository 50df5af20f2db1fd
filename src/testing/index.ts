/**
 * `activemirror/testing`: the Storage conformance suite, for authors of custom backends
 * (docs/sdk.md "Custom storage"). It registers vitest tests, or node:test's with `runner`; its
 * checks are vitest's `expect`, so vitest must be installed either way.
 */
export { describeStorageConformance } from './conformance/suite'
export type { ConformanceOptions, TestRunner } from './conformance/suite'
export type { StorageHarness } from './conformance/conformanceTypes'
export { at, makeMessage, makeSession } from './fixtures'
