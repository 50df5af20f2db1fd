// Runs a worker's TypeScript entry from source (tests, `tsx` runs): registers tsx in this
// thread, then imports the entry named in workerData. Built apps start their bundled worker.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entryUrl)
