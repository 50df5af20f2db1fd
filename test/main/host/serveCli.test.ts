import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PORT } from '../../../src/main/host/browserHost'
import { parseServeArgs } from '../../../src/main/host/serveCli'
import { TestClient } from './wsClient'

const io = { env: {}, cwd: '/work' }

describe('serve arguments', () => {
  it('reads port, data dir and storage, resolving the dir against cwd', () => {
    const args = parseServeArgs(['--port', '0', '--data-dir', 'data', '--storage=json'], io)
    expect(args).toMatchObject({ port: 0, dataDir: resolve('/work', 'data'), storage: 'json' })
  })

  it('defaults to port 7377 and AMOS_DATA_DIR', () => {
    const args = parseServeArgs([], { env: { AMOS_DATA_DIR: '/tmp/amos' }, cwd: '/' })
    expect(args).toMatchObject({ port: DEFAULT_PORT, dataDir: '/tmp/amos', storage: undefined })
    expect(DEFAULT_PORT).toBe(7377)
  })

  it('takes --storage postgres with --database-url', () => {
    const url = 'postgres://amos@db.example:5432/history'
    expect(parseServeArgs(['--storage', 'postgres', '--database-url', url], io)).toMatchObject({
      storage: 'postgres',
      databaseUrl: url,
    })
  })

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--port', '1.5']],
    [['--port']],
    [['--storage', 'mysql']],
    [['--database-url']],
    [['--host', '0.0.0.0']],
    [['serve']],
  ])('refuses %j as a usage error', (argv) => {
    expect(() => parseServeArgs(argv, io)).toThrow(expect.objectContaining({ code: 'USAGE' }))
  })
})

describe('npm run serve (as a process)', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'amos-serve-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('prints exactly one line with the URL and token, serves, and stops on SIGTERM', async () => {
    const staticDir = join(dir, 'renderer')
    mkdirSync(staticDir)
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>served</title>')
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main/host/serveCli.ts',
        '--port',
        '0',
        '--data-dir',
        join(dir, 'data'),
        '--storage',
        'json',
        '--static-dir',
        staticDir,
      ],
      { cwd: resolve(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const line = await new Promise<string>((resolveLine, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('\n')) resolveLine(stdout.split('\n')[0] ?? '')
      })
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
    })
    const match =
      /^ActiveMirror running at http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/.exec(line)
    expect(match, line).not.toBeNull()
    const port = Number(match?.[1])
    const token = match?.[2] ?? ''

    const page = await fetch(`http://127.0.0.1:${port}/`)
    expect(await page.text()).toContain('served')
    const client = await TestClient.connect(port, token)
    expect((await client.request('sessions.create', { title: 'From the CLI host' })).ok).toBe(true)
    client.close()

    const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(stdout.trim().split('\n')).toHaveLength(1)
  })
})
