import { createRequire } from 'node:module'
import { MirrorError } from '../../shared/errors'
import type { SecretStore } from './secretStore'

export const KEYCHAIN_SERVICE = 'ActiveMirror'

/**
 * The keychain service a host uses: the one asked for, else env `AMOS_KEYCHAIN_SERVICE` (tests
 * and spawned test hosts use a private one), else `ActiveMirror`.
 */
export function keychainService(override?: string): string {
  return override ?? (process.env['AMOS_KEYCHAIN_SERVICE'] || KEYCHAIN_SERVICE)
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

let keytarModule: Keytar | null | undefined

function loadKeytar(): Keytar | null {
  if (keytarModule !== undefined) return keytarModule
  try {
    // keytar is a CommonJS native addon; loading lazily keeps startup fast and lets the app run
    // (without "Remember on this device") where the addon is missing.
    // A plain `require` call, so the layer check sees (and confines) the keytar import.
    const require = createRequire(import.meta.url)
    keytarModule = require('keytar') as Keytar
  } catch {
    keytarModule = null
  }
  return keytarModule
}

function unavailable(cause: unknown): MirrorError {
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : ''
  return new MirrorError(
    'KEYCHAIN_UNAVAILABLE',
    'The OS keychain is not available (no Secret Service running?), so nothing was stored. ' +
      'Secrets are never written to a plain file instead.',
    detail ? { detail } : undefined,
  )
}

/** Keychain access through keytar. Every failure becomes KEYCHAIN_UNAVAILABLE; secrets never appear in errors. */
export function createKeytarStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  const keytar = (): Keytar => {
    const k = loadKeytar()
    if (!k) throw unavailable(new Error('keytar could not be loaded'))
    return k
  }
  const guarded = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op()
    } catch (err) {
      if (err instanceof MirrorError) throw err
      throw unavailable(err)
    }
  }
  return {
    service,
    get: (account) => guarded(() => keytar().getPassword(service, account)),
    set: (account, secret) => guarded(() => keytar().setPassword(service, account, secret)),
    delete: (account) => guarded(() => keytar().deletePassword(service, account)),
    available: async () => {
      try {
        await keytar().getPassword(service, '__activemirror_probe__')
        return true
      } catch {
        return false
      }
    },
  }
}
