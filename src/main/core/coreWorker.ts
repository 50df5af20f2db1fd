import { parentPort, workerData } from 'node:worker_threads'
import type { CoreWorkerData } from './coreFrames'
import { runCore } from './coreRuntime'

// The entry of the core's worker thread (see coreClient.ts, which starts it).
if (!parentPort) throw new Error('coreWorker must run in a worker thread.')
const port = parentPort
void runCore(port, (workerData as CoreWorkerData).config).then(() => port.close())
