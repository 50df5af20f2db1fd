#!/usr/bin/env node
// Type declarations for the package's entries (`activemirror`, `activemirror/testing`) in
// out/types, run by `npm pack` (the `prepack` script). tsc declares every file the entries reach
// (tsconfig.sdk.json); only those the entries' declarations themselves import are kept, which
// stops at the contract (src/shared) and the Storage interface. Relative imports get their `.js`
// extension, so TypeScript resolves them in a consumer's `"moduleResolution": "nodenext"` too.
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const target = path.join(root, 'out/types')
// tsc writes here; the kept files move to out/types at the end.
const outdir = `${target}.next`
const ENTRIES = ['sdk/index.d.ts', 'testing/index.d.ts']
const RELATIVE = /(\bfrom\s+|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\2/g

/** With --if-stale: whether out/types is newer than every source, the tsconfig and this script. */
function fresh() {
  const builtAt = statSync(path.join(target, ENTRIES[0]), { throwIfNoEntry: false })?.mtimeMs
  if (builtAt === undefined) return false
  const sources = readdirSync(path.join(root, 'src'), { recursive: true })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(root, 'src', file))
  const inputs = [...sources, path.join(root, 'tsconfig.sdk.json'), fileURLToPath(import.meta.url)]
  return inputs.every((file) => statSync(file).mtimeMs <= builtAt)
}

if (process.argv.includes('--if-stale') && fresh()) process.exit(0)

rmSync(outdir, { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.sdk.json')], {
  stdio: 'inherit',
})

/** `./x` as the declaration file it names (x.d.ts or x/index.d.ts), relative to outdir. */
function declarationOf(fromFile, specifier) {
  const base = path.join(path.dirname(fromFile), specifier)
  for (const [candidate, js] of [
    [`${base}.d.ts`, `${specifier}.js`],
    [path.join(base, 'index.d.ts'), `${specifier}/index.js`],
  ]) {
    if (existsSync(path.join(outdir, candidate))) return { file: candidate, js }
  }
  throw new Error(`${fromFile}: cannot find the declarations of ${specifier}`)
}

const kept = new Set()
const queue = [...ENTRIES]
while (queue.length > 0) {
  const file = queue.pop()
  if (kept.has(file)) continue
  kept.add(file)
  const full = path.join(outdir, file)
  const text = readFileSync(full, 'utf8').replace(RELATIVE, (_, lead, quote, specifier) => {
    const found = declarationOf(file, specifier)
    queue.push(found.file)
    return `${lead}${quote}${found.js}${quote}`
  })
  writeFileSync(full, text)
}

// Everything else tsc declared (the core's internals) stays out of the package.
rmSync(target, { recursive: true, force: true })
for (const file of kept) {
  const to = path.join(target, file)
  mkdirSync(path.dirname(to), { recursive: true })
  renameSync(path.join(outdir, file), to)
}
rmSync(outdir, { recursive: true, force: true })
console.log(`out/types: ${kept.size} declaration files`)
