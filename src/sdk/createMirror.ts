import { createMirror as createCore } from '../main/mirror'
import { MirrorError } from '../shared/errors'
import { sdkFacade } from './facade'
import type { ActiveMirror, MirrorOptions } from './types'

/**
 * Opens the core on `dataDir` (docs/sdk.md): the same data the app, the browser host and `amos`
 * use, so they can all open it, at the same time too.
 */
export async function createMirror(options: MirrorOptions): Promise<ActiveMirror> {
  if (typeof options !== 'object' || options === null) {
    throw new MirrorError('VALIDATION_FAILED', 'createMirror needs an options object.')
  }
  if (typeof options.dataDir !== 'string' || options.dataDir.trim() === '') {
    throw new MirrorError('VALIDATION_FAILED', 'createMirror needs a dataDir (a folder path).')
  }
  if (options.databaseUrl !== undefined && typeof options.databaseUrl !== 'string') {
    throw new MirrorError('VALIDATION_FAILED', 'databaseUrl must be a string (a PostgreSQL URL).')
  }
  const keychain = options.keychainService ? { keychainService: options.keychainService } : {}
  const core = await createCore({
    dataDir: options.dataDir,
    storage: options.storage,
    ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
    vault: keychain,
    providerSettings: keychain,
  })
  return sdkFacade(core)
}
