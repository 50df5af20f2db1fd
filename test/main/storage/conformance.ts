// The suite moved to src/testing (shipped as `activemirror/testing`); kept here for tests that
// still import it from this path.
export { describeStorageConformance } from '../../../src/testing'
export type { StorageHarness } from '../../../src/testing'
