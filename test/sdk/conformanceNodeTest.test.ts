import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const OUT = path.join(import.meta.dirname, '../../out/cli')
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')),
)
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A node:test file running the built conformance suite on the memory store, `search` replaced. */
function testFile(search: string): string {
  const url = (file: string) => pathToFileURL(path.join(OUT, file)).href
  return `import { afterEach, beforeEach, describe, it } from 'node:test'
import { openStorage } from '${url('sdk.mjs')}'
import { describeStorageConformance } from '${url('testing.mjs')}'
describeStorageConformance(
  'memory under node:test',
  async () => {
    const storage = await openStorage('memory')
    ${search}
    return { storage, cleanup: () => storage.close() }
  },
  { durable: false, runner: { describe, it, beforeEach, afterEach } },
)
`
}

async function nodeTest(source: string): Promise<{ code: number; tap: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'amos-node-test-'))
  dirs.push(dir)
  writeFileSync(path.join(dir, 'conformance.test.mjs'), source)
  const run = exec(process.execPath, ['--test', '--test-reporter=tap', 'conformance.test.mjs'], {
    cwd: dir,
    env,
  })
  return run.then(
    ({ stdout }) => ({ code: 0, tap: stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, tap: error.stdout }),
  )
}

describe('activemirror/testing under node:test', () => {
  it('runs the whole suite with node --test', async () => {
    const { code, tap } = await nodeTest(testFile(''))
    expect(tap).toMatch(/^# pass 7\d$/m)
    expect(tap).toMatch(/^# fail 0$/m)
    expect(code).toBe(0)
  }, 60_000)

  it('fails, naming the broken tests, for a backend that does not meet the contract', async () => {
    const { code, tap } = await nodeTest(testFile('storage.search = async () => []'))
    expect(code).not.toBe(0)
    expect(tap).toMatch(/^# fail [1-9]\d*$/m)
    expect(tap).toMatch(/^\s*not ok \d+ - .*search/im)
  }, 60_000)
})
