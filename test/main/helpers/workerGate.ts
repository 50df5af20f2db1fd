import fs from 'node:fs'

export interface WorkerGate {
  /** The worker's own arguments (without the ready and go files). */
  args: string[]
  /** Says this worker is ready, then waits until every worker may start. */
  ready(): Promise<void>
}

/**
 * The child side of runWorkersTogether: the last two arguments are this worker's ready file and
 * the shared go file. Exits with a usage line unless `count` other arguments came first.
 */
export function workerGate(count: number, usage: string): WorkerGate {
  const all = process.argv.slice(2)
  const args = all.slice(0, -2)
  const [readyFile, goFile] = all.slice(-2)
  if (args.length !== count || args.some((a) => !a) || !readyFile || !goFile) {
    process.stderr.write(`usage: ${usage} <ready> <go>\n`)
    process.exit(2)
  }
  return {
    args,
    async ready() {
      fs.writeFileSync(readyFile, 'ready')
      while (!fs.existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2))
    },
  }
}
