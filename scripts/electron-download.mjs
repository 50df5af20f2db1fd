// What `npm start` needs from the internet before the desktop app can open: Electron's binary
// (node_modules/electron fetches it on install; an offline `npm install` leaves it out) and, once
// per Electron version, its headers for the better-sqlite3 build. When either cannot be fetched,
// the user gets one short message pointing at the browser mode, not a downloader's stack trace.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const NETWORK_ERROR =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|fetch failed|network/i

/** The short reason found in a downloader's output ("ENOTFOUND", "HTTP 404"), or null. */
export function networkReason(text) {
  const code =
    /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b/.exec(
      text,
    )
  if (code) return code[1]
  return NETWORK_ERROR.test(text) ? 'no connection' : null
}

/** Prints the one message for "Electron could not be downloaded" and exits with 1. */
export function electronUnreachable(what, reason) {
  console.error(
    [
      `Electron could not be downloaded (${what}: ${reason}), so the desktop app cannot open here.`,
      'You can run the same app in your browser: npm run serve',
      'The desktop app opens with `npm start` once electronjs.org can be reached.',
    ].join('\n'),
  )
  process.exit(1)
}

/** Where Electron's own loader (node_modules/electron/index.js) looks for the executable. */
function electronExecutable(electronDir) {
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) return join(override, relative ?? 'electron')
  return relative ? join(electronDir, 'dist', relative) : null
}

/**
 * Makes sure Electron's executable is there, fetching it with Electron's own installer when it
 * is not (as `require('electron')` would, but with its output kept for the message).
 */
export function ensureElectronBinary(electronDir) {
  const before = electronExecutable(electronDir)
  if (before && existsSync(before)) return
  console.log('Downloading Electron…')
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    env: process.env,
  })
  const after = electronExecutable(electronDir)
  if (result.status === 0 && after && existsSync(after)) return
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}\n${result.error?.message ?? ''}`
  const reason = networkReason(output)
  if (reason) electronUnreachable('the Electron binary', reason)
  const firstLine = output.split('\n').find((line) => line.trim() !== '') ?? 'no output'
  console.error(
    [
      `Electron could not be installed: ${firstLine.trim()}`,
      'You can run the same app in your browser: npm run serve',
      'To repair the desktop app: delete node_modules/electron and run `npm install` again.',
    ].join('\n'),
  )
  process.exit(1)
}
