import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

vi.setConfig({ testTimeout: 60_000 })

const REPO = path.resolve(import.meta.dirname, '../..')
const NATIVE_COPY = path.join(REPO, 'native/electron/better_sqlite3.node')

let tmp: string
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'amos-electron-offline-'))
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

/**
 * Downloads fail the way they do on a machine without internet: the hosts do not resolve
 * (".invalid" never does). Electron's installer and loader look for the binary in an empty
 * place and find no cached download, whatever is installed on the machine running the test.
 */
function offlineEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'no-electron'),
    electron_config_cache: path.join(tmp, 'empty-cache'),
    ELECTRON_MIRROR: 'https://electron-mirror.invalid/',
    ELECTRON_REBUILD_DIST_URL: 'https://electron-headers.invalid/headers',
  }
}

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { cwd: REPO, env: offlineEnv(), encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function expectShortBrowserHint(stderr: string, what: RegExp): void {
  const lines = stderr.trimEnd().split('\n')
  expect(lines[0]).toMatch(/^Electron could not be downloaded \(/)
  expect(lines[0]).toMatch(what)
  expect(stderr).toContain('run the same app in your browser: npm run serve')
  expect(lines.length).toBeLessThanOrEqual(3)
  // No internals: no stack frames, no native-module build talk.
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toMatch(/better-sqlite3|node-gyp|TypeError|fetch failed/)
}

describe('npm start without a connection to electronjs.org', () => {
  it('says Electron could not be downloaded and points at the browser mode, exit 1', () => {
    const had = existsSync(NATIVE_COPY)
    const r = run('npm', ['start'])
    expect(r.code).not.toBe(0)
    expectShortBrowserHint(r.stderr, /the Electron binary/)
    // Besides npm's echo of the script, only the attempt: the app was never launched.
    const own = r.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('> '))
    expect(own).toEqual(['Downloading Electron…'])
    expect(existsSync(NATIVE_COPY)).toBe(had)
  })

  it('rebuild:electron says the same when only the headers are out of reach', () => {
    const had = existsSync(NATIVE_COPY)
    const r = run(process.execPath, ['scripts/rebuild-electron-native.mjs'])
    expect(r.code).toBe(1)
    expectShortBrowserHint(r.stderr, /Electron's headers: ENOTFOUND/)
    expect(existsSync(NATIVE_COPY)).toBe(had)
    expect(existsSync(path.join(REPO, 'native/electron/.staging'))).toBe(false)
  })
})
