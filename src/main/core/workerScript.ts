import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where a worker thread starts: a bundled script, or the source through tsx. */
export interface WorkerScript {
  file: URL
  /** Set when running from source: the TypeScript entry tsWorkerBoot.mjs imports. */
  entryUrl?: string
}

/**
 * The app's worker entries: each is its own entry in every build (electron.vite.config.ts,
 * scripts/build-cli.mjs), bundled as `<name>.js` / `<name>.mjs`; the path is its source,
 * relative to this folder.
 */
const WORKER_SOURCES = {
  coreWorker: './coreWorker.ts',
  chatgptListWorker: '../services/transfer/import/formats/chatgpt/chatgptListWorker.ts',
} as const

export type WorkerEntry = keyof typeof WORKER_SOURCES

/**
 * A worker entry's script. Bundles (electron-vite's out/main, the CLI's out/cli) put
 * `<name>.js` / `<name>.mjs` beside their entry; a module inside a bundle may live one folder
 * down, in chunks/. Running from source (tests, tsx), this module is a .ts file and the worker
 * boots tsx before importing the entry's .ts file.
 */
export function workerScript(
  entry: WorkerEntry,
  moduleUrl: string = import.meta.url,
): WorkerScript {
  if (moduleUrl.endsWith('.ts')) {
    return {
      file: new URL('./tsWorkerBoot.mjs', moduleUrl),
      entryUrl: new URL(WORKER_SOURCES[entry], moduleUrl).href,
    }
  }
  for (const folder of ['./', '../']) {
    for (const name of [`${entry}.js`, `${entry}.mjs`]) {
      const candidate = new URL(folder + name, moduleUrl)
      if (existsSync(fileURLToPath(candidate))) return { file: candidate }
    }
  }
  throw new Error(`The worker script ${entry} is missing beside ${moduleUrl}; rebuild the app.`)
}

/** The core worker's script (see workerScript). */
export function coreWorkerScript(moduleUrl: string = import.meta.url): WorkerScript {
  return workerScript('coreWorker', moduleUrl)
}
