import type { Configuration } from 'electron-builder'

type FuseOptions = NonNullable<Configuration['electronFuses']>

/**
 * Electron fuses flipped in the packaged binary (electron-builder's `electronFuses`, applied
 * right before signing). They are baked into the executable, so no environment variable or
 * command-line flag can turn them back on. docs/security.md explains each one.
 */
export const ELECTRON_FUSES = {
  // Nothing forks a Node child with ELECTRON_RUN_AS_NODE, which would otherwise let anyone run
  // arbitrary scripts as the (signed, keychain-trusted) app.
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // The renderer is served from app://renderer, never from file://.
  grantFileProtocolExtraPrivileges: false,
} as const satisfies FuseOptions
