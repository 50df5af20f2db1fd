// Run by transportEdges.test.ts in its own process (node --import tsx), so that the process
// starts with the environment under test (NODE_EXTRA_CA_CERTS): `<provider type> <base URL>`.
// Prints the collected texts and error code as one JSON line.
import { KINDS, collect, makeProvider } from './harness'

const [type, baseUrl] = process.argv.slice(2) as [string, string]
const kind = KINDS.find((k) => k.type === type)!
const result = await collect(makeProvider(kind, baseUrl))
process.stdout.write(
  `${JSON.stringify({ texts: result.texts, error: result.error && { code: result.error.code, message: result.error.message } })}\n`,
)
