import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

// Plain Node, no TypeScript loader: the package's `exports` entry is compiled JavaScript.
const SCRIPT = `
import { createMirror, MirrorError } from 'activemirror'
const mirror = await createMirror({ dataDir: process.argv[1], storage: 'sqlite' })
const created = await mirror.sessions.create({ title: 'Written through the SDK' })
const listed = (await mirror.sessions.list()).items.map((s) => s.title)
let code = null
try { await mirror.sessions.get('session_0_missing') } catch (e) { code = e instanceof MirrorError ? e.code : 'untyped' }
await mirror.close()
console.log(JSON.stringify({ id: created.id, listed, code }))
`

describe("the package's SDK entry", () => {
  it('is compiled JavaScript that plain Node imports by the package name', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { types: string; default: string }>
    }
    expect(pkg.exports['.']?.default).toMatch(/\.mjs$/)
    expect(pkg.exports['.']?.types).toMatch(/\.d\.ts$/)
    const dataDir = mkdtempSync(join(tmpdir(), 'amos-sdk-'))
    dirs.push(dataDir)
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT, dataDir], {
      cwd: ROOT,
    })
    const result = JSON.parse(stdout) as { id: string; listed: string[]; code: string }
    expect(result.listed).toEqual(['Written through the SDK'])
    expect(result.code).toBe('NOT_FOUND')
    // The same data opens from the app's side: the SDK is not a separate store.
    const again = await run(
      process.execPath,
      [join(ROOT, 'bin/amos.mjs'), 'sessions', 'list', '--json', '--data-dir', dataDir],
      { cwd: ROOT },
    )
    expect(again.stdout).toContain(result.id)
  })
})
