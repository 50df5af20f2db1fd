import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

const tsxApi = import.meta.resolve('tsx/esm/api')

/**
 * Starts a worker thread running a TypeScript module through tsx (the way the tests' child
 * processes run theirs: `node --import tsx` does not reach into worker threads).
 */
export function startTsThread(file: string, workerData: unknown): Worker {
  const module = JSON.stringify(pathToFileURL(file).href)
  const code = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${module}, ${module}))`
  return new Worker(code, { eval: true, workerData })
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
