import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where a worker thread starts: a bundled script, or the source through tsx. */
export interface WorkerScript {
  file: URL
  /** Set when running from source: the TypeScript entry tsWorkerBoot.mjs imports. */
  entryUrl?: string
}

/**
 * The core worker's script. Bundles (electron-vite's out/main, the CLI's out/cli) put
 * `coreWorker.js` / `coreWorker.mjs` beside their entry; a module inside a bundle may live one
 * folder down, in chunks/. Running from source (tests, tsx), this module is a .ts file and the
 * worker boots tsx before importing coreWorker.ts.
 */
export function coreWorkerScript(moduleUrl: string = import.meta.url): WorkerScript {
  if (moduleUrl.endsWith('.ts')) {
    return {
      file: new URL('./tsWorkerBoot.mjs', moduleUrl),
      entryUrl: new URL('./coreWorker.ts', moduleUrl).href,
    }
  }
  for (const folder of ['./', '../']) {
    for (const name of ['coreWorker.js', 'coreWorker.mjs']) {
      const candidate = new URL(folder + name, moduleUrl)
      if (existsSync(fileURLToPath(candidate))) return { file: candidate }
    }
  }
  throw new Error(`The core worker script is missing beside ${moduleUrl}; rebuild the app.`)
}
