#!/usr/bin/env node
// Compiles the `amos` CLI to JavaScript in out/cli, so `amos` starts without a TypeScript loader.
// The lazy `import()`s of commands, storage backends and providers stay lazy, as separate chunks.
// bin/amos.mjs runs this build only while it is newer than every source file it was built from
// (listed in out/cli/inputs.json); otherwise it runs the sources through tsx. Runs on
// `npm install` (the `prepare` script) and first in `npm test`; with --if-stale (vitest's global
// setup) only when the build is missing or older than a source.
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { freshCliBuild } from '../bin/cliBuildState.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const target = path.join(root, 'out/cli')
// Built beside the live copy and swapped in at the end: a build that fails half-way leaves the
// previous one in place, and an `amos` starting meanwhile never sees a half-written one.
const outdir = `${target}.next`

if (process.argv.includes('--if-stale') && freshCliBuild(root)) process.exit(0)

rmSync(outdir, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  // The core's worker thread (amos serve) and the reader of large ChatGPT imports start from
  // their own entries beside main.mjs (src/main/core/workerScript.ts finds them); sdk.mjs and
  // testing.mjs are the package's `exports` entries (`activemirror`, `activemirror/testing`),
  // built together so both share one MirrorError class (the suite checks errors by instanceof).
  entryPoints: {
    main: 'src/cli/main.ts',
    coreWorker: 'src/main/core/coreWorker.ts',
    chatgptListWorker: 'src/main/services/transfer/import/formats/chatgpt/chatgptListWorker.ts',
    sdk: 'src/sdk/index.ts',
    testing: 'src/testing/index.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native modules load from node_modules as they are; everything else is bundled, which spares
  // Node resolving and parsing hundreds of small package files on every start.
  // vitest is the test runner of whoever imports activemirror/testing: theirs, never a copy.
  external: [
    'better-sqlite3-multiple-ciphers',
    'sqlite-vec',
    'keytar',
    'bufferutil',
    'utf-8-validate',
    'vitest',
  ],
  // Bundled CommonJS packages call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __amosCreateRequire } from 'node:module'; const require = __amosCreateRequire(import.meta.url);",
  },
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
})
// The app's own sources the build read, for bin/amos.mjs to compare dates against (packages
// change only through npm install, which builds again). Written last: it marks a finished build.
const inputs = Object.keys(result.metafile.inputs)
  .filter((input) => input.startsWith('src/'))
  .sort()
writeFileSync(path.join(outdir, 'inputs.json'), `${JSON.stringify({ inputs }, null, 2)}\n`)
rmSync(`${target}.old`, { recursive: true, force: true })
try {
  renameSync(target, `${target}.old`)
} catch {
  // First build: nothing to move aside.
}
renameSync(outdir, target)
rmSync(`${target}.old`, { recursive: true, force: true })
