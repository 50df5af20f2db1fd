// Installers for macOS (dmg + zip), Windows (nsis) and Linux (AppImage + deb). See docs/desktop.md.
// Before packaging: `npm run build` and `npm run rebuild:electron` (the Electron-ABI SQLite binary).
// electron-builder finds this file by name and loads it with jiti (no build step).
import type { Configuration } from 'electron-builder'
import { ELECTRON_FUSES } from './scripts/packaging/electronFuses'

const config: Configuration = {
  appId: 'com.activemirror.app',
  productName: 'ActiveMirror',
  copyright: 'Copyright © ActiveMirror contributors',
  directories: { output: 'release/${version}', buildResources: 'resources' },
  files: [
    'out/**',
    'package.json',
    'native/electron/better_sqlite3.node',
    '!**/*.map',
    '!out/renderer/**/*.map',
    // The compiled `amos` CLI (npm run build:cli) is for the repo's command line, not the app.
    '!out/cli/**',
  ],
  // The fuses need the app in an asar archive (onlyLoadAppFromAsar, integrity validation).
  asar: true,
  // Native modules must live outside the asar archive to be loaded.
  asarUnpack: [
    'node_modules/better-sqlite3-multiple-ciphers/**',
    // SQLite loads extensions from real files, never from inside app.asar.
    'node_modules/sqlite-vec*/**',
    'node_modules/keytar/**',
    'native/electron/**',
    '**/*.node',
  ],
  // node_modules keeps the Node build of the SQLite driver (tests, CLI, browser host); the app loads
  // the Electron build from native/electron/ instead, so nothing is rebuilt in place here.
  npmRebuild: false,
  // Flipped in the packaged binary after packing, before signing (docs/security.md).
  electronFuses: ELECTRON_FUSES,

  mac: {
    category: 'public.app-category.productivity',
    icon: 'resources/icon.png',
    target: ['dmg', 'zip'],
    hardenedRuntime: true,
  },
  dmg: { artifactName: '${productName}-${version}-${arch}.${ext}' },

  win: { icon: 'resources/icon.png', target: ['nsis'] },
  nsis: {
    artifactName: '${productName}-Setup-${version}.${ext}',
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },

  linux: {
    icon: 'resources/icon.png',
    category: 'Office',
    synopsis: 'Reflective AI conversations that remember',
    maintainer: 'ActiveMirror <hello@activemirror.invalid>',
    target: ['AppImage', 'deb'],
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },

  publish: null,
}

export default config
