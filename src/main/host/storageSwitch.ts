import type { ErrorInfo } from '../../shared/errors'
import type { Result } from '../../shared/result'
import type { CoreConfig } from '../core/coreFrames'
import { snapshotStartupStorage, startupStorage } from '../historySetup'
import { toErrorInfo } from '../ipc/errorInfo'
import type { Dispatcher } from '../ipc/router'

export interface StorageSwitchOptions {
  dataDir: string
  /** The config the core runs on now; the switch replaces its storage fields. */
  config(): CoreConfig
  /** CoreClient.restartOn: rejects, with the old core back, when the new one cannot start. */
  restartOn(config: CoreConfig): Promise<void>
}

/** A new core's start error, said as what it means here (an INTERNAL one has no detail to give). */
function notSwitched(error: unknown): ErrorInfo {
  const info = toErrorInfo(error)
  const known = info.code !== 'INTERNAL'
  return {
    code: known ? info.code : 'STORAGE_UNAVAILABLE',
    message:
      `ActiveMirror could not start on the chosen storage${known ? ` (${info.message})` : ''}, ` +
      'so it stays on the one it was using and the choice was not saved.',
  }
}

/**
 * `core`, except that a successful `storage.use` also restarts the core on the saved choice
 * (a core cannot restart itself). When the new core cannot start, the old one is back and the
 * previous choice is put back too, so the next start does not fail either. Used by the browser
 * host and the Electron main process.
 */
export function withStorageSwitch(core: Dispatcher, options: StorageSwitchOptions): Dispatcher {
  return {
    async dispatch(route, input, ctx) {
      if (route !== 'storage.use') return core.dispatch(route, input, ctx)
      const restore = await snapshotStartupStorage(options.dataDir)
      const result = await core.dispatch(route, input, ctx)
      if (!result.ok || (result.data as { overridden: boolean }).overridden) return result
      try {
        const { storage, databaseUrl } = await startupStorage({ dataDir: options.dataDir })
        await options.restartOn({ ...options.config(), storage, databaseUrl })
      } catch (error) {
        await restore().catch(() => {})
        return { ok: false, error: notSwitched(error) } satisfies Result<unknown>
      }
      const fresh = await core.dispatch('storage.get', {}, ctx)
      if (!fresh.ok) return fresh
      return { ok: true, data: { ...(fresh.data as object), restarted: true } }
    },
  }
}
