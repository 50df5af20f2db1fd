#!/usr/bin/env node
// Runs the compiled CLI (out/cli, built by `npm run build:cli`, which `npm install` runs) when it
// is at least as new as every source file it was built from; otherwise the TypeScript sources
// through tsx, so an edit is never hidden behind a stale build (just slower until the next build).
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const built = path.join(root, 'out/cli/main.mjs')

function buildIsFresh() {
  try {
    const builtAt = statSync(built).mtimeMs
    const { inputs } = JSON.parse(readFileSync(path.join(root, 'out/cli/inputs.json'), 'utf8'))
    return inputs.every((input) => statSync(path.join(root, input)).mtimeMs <= builtAt)
  } catch {
    return false // no build, an unfinished one, or a source it used is gone
  }
}

let main
if (process.env.AMOS_CLI_FROM_SOURCE !== '1' && buildIsFresh()) {
  ;({ main } = await import(built))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
