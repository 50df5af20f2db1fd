import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { coreWorkerScript } from '../../../src/main/core/workerScript'

/**
 * Starts a worker thread running a TypeScript module the way the app runs its core from source:
 * src/main/core/tsWorkerBoot.mjs registers tsx in the thread, then imports `entryUrl`.
 */
export function startTsThread(file: string, workerData: Record<string, unknown>): Worker {
  const boot = coreWorkerScript().file
  return new Worker(boot, { workerData: { ...workerData, entryUrl: pathToFileURL(file).href } })
}

/** The next message the thread posts; fails if the thread errors or ends first. */
export function nextMessage(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      worker.off('message', onMessage)
      worker.off('error', reject)
      worker.off('exit', onExit)
    }
    const onMessage = (message: unknown): void => {
      done()
      resolve(message)
    }
    const onExit = (code: number): void => {
      done()
      reject(new Error(`thread exited (${code}) before posting`))
    }
    worker.on('message', onMessage)
    worker.on('error', reject)
    worker.on('exit', onExit)
  })
}
