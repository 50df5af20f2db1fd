// The fixtures moved to src/testing (shipped as `activemirror/testing`); the repo's tests keep
// importing them from here.
export * from '../../../../src/testing/fixtures'
