import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { REPO, removeDir, tempDir } from './helpers/runCli'

// A stand-in checkout: the real bin/amos.mjs, a "build" and "sources" that say which one ran.
const root = tempDir('amos-bin-')
const source = path.join(root, 'src/cli/main.ts')
const built = path.join(root, 'out/cli/main.mjs')
afterAll(() => removeDir(root))

beforeAll(() => {
  mkdirSync(path.join(root, 'bin'))
  mkdirSync(path.dirname(source), { recursive: true })
  mkdirSync(path.dirname(built), { recursive: true })
  for (const file of ['amos.mjs', 'cliBuildState.mjs'])
    copyFileSync(path.join(REPO, 'bin', file), path.join(root, 'bin', file))
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'))
  writeFileSync(path.join(root, 'package.json'), '{"type":"module"}')
  const program = (which: string) =>
    `export async function main(argv: string[]): Promise<number> {\n` +
    `  process.stdout.write(${JSON.stringify(which)} + ' ' + argv.join(' '))\n  return 3\n}\n`
  writeFileSync(source, program('source'))
  writeFileSync(built, program('built').replace(/: string\[\]|: Promise<number>/g, ''))
  writeFileSync(
    path.join(root, 'out/cli/inputs.json'),
    JSON.stringify({ inputs: ['src/cli/main.ts'] }),
  )
})

function run(env: Record<string, string> = {}): { stdout: string; status: number | null } {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/amos.mjs'), 'a', 'b'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  return { stdout: result.stdout, status: result.status }
}

function setTimes(file: string, seconds: number): void {
  utimesSync(file, seconds, seconds)
}

it('runs the build while it is newer than every source it was built from', () => {
  setTimes(source, 1_000_000)
  setTimes(built, 2_000_000)
  expect(run()).toEqual({ stdout: 'built a b', status: 3 })
})

it('runs the sources through tsx once a source is newer than the build, or when asked to', () => {
  setTimes(source, 3_000_000)
  setTimes(built, 2_000_000)
  expect(run()).toEqual({ stdout: 'source a b', status: 3 })
  setTimes(source, 1_000_000)
  expect(run({ AMOS_CLI_FROM_SOURCE: '1' })).toEqual({ stdout: 'source a b', status: 3 })
})

it('runs the sources when a file the build used is gone or the build never finished', () => {
  setTimes(source, 1_000_000)
  setTimes(built, 2_000_000)
  writeFileSync(
    path.join(root, 'out/cli/inputs.json'),
    JSON.stringify({ inputs: ['src/cli/main.ts', 'src/cli/removed.ts'] }),
  )
  expect(run().stdout).toBe('source a b')
  writeFileSync(path.join(root, 'out/cli/inputs.json'), '{')
  expect(run().stdout).toBe('source a b')
})
