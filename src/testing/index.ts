/**
 * `activemirror/testing`: the Storage conformance suite, for authors of custom backends
 * (docs/sdk.md "Custom storage"). It registers vitest tests, so vitest is what runs it.
 */
export { describeStorageConformance } from './conformance/suite'
export type { StorageHarness } from './conformance/conformanceTypes'
export { at, makeMessage, makeSession } from './fixtures'
