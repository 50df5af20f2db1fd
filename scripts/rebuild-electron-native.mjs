#!/usr/bin/env node
// Builds an Electron-ABI copy of the SQLite driver (better-sqlite3-multiple-ciphers) into native/electron/better_sqlite3.node.
//
// better-sqlite3 is not N-API: the copy in node_modules is built for Node (tests, CLI, browser
// host) and cannot load in Electron, and vice versa. Rather than rebuilding node_modules in place
// (which would break the Node side), this builds a second copy in a scratch folder and keeps only
// the .node file; the Electron main process hands it to better-sqlite3 as `nativeBinding`.
// keytar is N-API and needs no rebuild.
//
// Needs network access to Electron's headers (or prebuilt binaries) and a C++ toolchain.
// With `--if-missing` (`npm start`) it first makes sure Electron's own binary is installed.
// Headers come from ELECTRON_REBUILD_DIST_URL when set (as for @electron/rebuild's CLI), the
// binary from ELECTRON_MIRROR (Electron's installer reads it).
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronUnreachable, ensureElectronBinary, networkReason } from './electron-download.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const outDir = join(root, 'native', 'electron')
const staging = join(outDir, '.staging')
const target = join(outDir, 'better_sqlite3.node')

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'))
}

function fail(lines) {
  console.error(lines.join('\n'))
  process.exit(1)
}

const electronPkg = join(root, 'node_modules', 'electron', 'package.json')
if (!existsSync(electronPkg)) {
  fail(['The electron package is not installed (node_modules/electron): run `npm install` first.'])
}
const electronVersion = readJson(electronPkg).version
const startMode = process.argv.includes('--if-missing')
if (startMode) ensureElectronBinary(dirname(electronPkg))
// The SQLite driver (src/main/sqlite/driver.ts); its binary keeps better-sqlite3's file name.
const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers'
const sqliteDir = dirname(require.resolve(`${SQLITE_MODULE}/package.json`))
const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version

// `--if-missing` (used by `npm start`): keep a copy already built for this Electron and module version.
if (startMode && existsSync(target)) {
  try {
    const info = readJson(join(outDir, 'build-info.json'))
    if (
      info.module === SQLITE_MODULE &&
      info.electron === electronVersion &&
      info.version === sqliteVersion
    )
      process.exit(0)
  } catch {
    // No or unreadable build info: rebuild.
  }
}

let rebuild
try {
  ;({ rebuild } = await import('@electron/rebuild'))
} catch {
  fail(['@electron/rebuild is not installed: run `npm install` (it is a devDependency).'])
}

const headerBase = (
  process.env.ELECTRON_REBUILD_DIST_URL || 'https://www.electronjs.org/headers'
).replace(/\/+$/, '')
const headersUrl = `${headerBase}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`

// Ask first, so an offline machine gets one clear sentence instead of node-gyp's stack.
try {
  const response = await fetch(headersUrl, { method: 'HEAD', signal: AbortSignal.timeout(15_000) })
  if (!response.ok) electronUnreachable("Electron's headers", `HTTP ${response.status}`)
} catch (error) {
  electronUnreachable("Electron's headers", error?.cause?.code ?? error?.name ?? 'no connection')
}

console.log(
  `Building ${SQLITE_MODULE} ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})…`,
)
rmSync(staging, { recursive: true, force: true })
mkdirSync(join(staging, 'node_modules'), { recursive: true })
writeFileSync(
  join(staging, 'package.json'),
  JSON.stringify({
    name: 'activemirror-native-staging',
    private: true,
    dependencies: { [SQLITE_MODULE]: sqliteVersion },
  }),
)
// The package's own build/ is the Node build: leave it behind so nothing stale is picked up.
cpSync(sqliteDir, join(staging, 'node_modules', SQLITE_MODULE), {
  recursive: true,
  filter: (source) => !source.startsWith(join(sqliteDir, 'build')),
})

try {
  await rebuild({
    buildPath: staging,
    electronVersion,
    headerURL: headerBase,
    onlyModules: [SQLITE_MODULE],
    force: true,
  })
} catch (error) {
  rmSync(staging, { recursive: true, force: true })
  const text = String(error?.stack ?? error)
  const reason = networkReason(text)
  if (reason) electronUnreachable("Electron's headers", reason)
  fail([
    '',
    `Could not build ${SQLITE_MODULE} for Electron: the native build failed (see above).`,
    'It needs a C++ toolchain: Python 3, make and a C++ compiler (Xcode tools on macOS,',
    'Visual Studio Build Tools on Windows).',
    '',
    'Nothing was changed: the Node build in node_modules still serves the tests, the CLI and `npm run serve`.',
    'The desktop app needs this step once per Electron version, on a machine with internet access:',
    '  npm run rebuild:electron',
    '',
    `Error: ${text.split('\n')[0]}`,
  ])
}

const built = join(
  staging,
  'node_modules',
  SQLITE_MODULE,
  'build',
  'Release',
  'better_sqlite3.node',
)
if (!existsSync(built)) {
  rmSync(staging, { recursive: true, force: true })
  fail([`The rebuild finished but ${built} is missing.`])
}
copyFileSync(built, target)
writeFileSync(
  join(outDir, 'build-info.json'),
  `${JSON.stringify({ module: SQLITE_MODULE, version: sqliteVersion, electron: electronVersion, platform: process.platform, arch: process.arch }, null, 2)}\n`,
)
rmSync(staging, { recursive: true, force: true })
console.log(`Wrote ${target}`)
