// The custom backend of docs/sdk.md ("Custom storage") passes the shipped conformance suite:
// importing the example's own test file registers the suite here, on the same code.
import '../../examples/custom-storage/auditedStorage.test'
