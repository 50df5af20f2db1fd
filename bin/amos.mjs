#!/usr/bin/env node
// Runs the compiled CLI (out/cli, built by `npm run build:cli`, which `npm install` runs) when it
// is at least as new as every source file it was built from; otherwise the TypeScript sources
// through tsx, so an edit is never hidden behind a stale build (just slower until the next build).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freshCliBuild } from './cliBuildState.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = process.env.AMOS_CLI_FROM_SOURCE === '1' ? null : freshCliBuild(root)

let main
if (built) {
  ;({ main } = await import(built))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
