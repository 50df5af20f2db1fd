import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { REPO, removeDir, tempDir } from './helpers/runCli'

vi.setConfig({ testTimeout: 90_000 })

const dir = tempDir()
afterAll(() => removeDir(dir))

it('amos serve prints the one running line, binds 127.0.0.1 and stops on SIGINT with exit 0', async () => {
  const child = spawn(
    process.execPath,
    [path.join(REPO, 'bin/amos.mjs'), 'serve', '--port', '0', '--data-dir', dir],
    {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      const match = /^ActiveMirror running at (\S+)\n/m.exec(stdout)
      if (match) resolve(match[1]!)
    })
    child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)))
  })
  expect(line).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  child.kill('SIGINT')
  expect(await exited).toBe(0)
})
