import { create } from 'zustand'
import type {
  ConnectionTest,
  StorageChoice,
  StorageSettings,
} from '../../../shared/routeGroups/storage'
import type { UserError } from '../lib/userError'
import { userError } from '../lib/userError'
import { request } from '../bridge/bridgeClient'

export type ConnectionTestState =
  | { state: 'running' }
  | { state: 'ok'; result: ConnectionTest }
  | { state: 'failed'; error: UserError }

/**
 * Settings → Storage (docs/storage.md "PostgreSQL"): what the core runs on, what is saved, a
 * connection test, and "Use this database". Main keeps the choice; passwords never come back.
 */
interface StorageState {
  settings: StorageSettings | null
  test: ConnectionTestState | null
  busy: boolean
  error: UserError | null
  /** Saved, but the host applies it only at its next start (a flag chose the storage, or no host restart). */
  savedForNextStart: boolean
  load(): Promise<void>
  testConnection(databaseUrl: string): Promise<void>
  /** "Use this database": saves the choice; a host that restarted its core starts the page over. */
  apply(choice: StorageChoice): Promise<void>
  clearTest(): void
}

/** Every store holds data of the core it asked; after a switch the page starts over on the new one. */
function startOver(): void {
  window.location.reload()
}

export const useStorageStore = create<StorageState>()((set) => ({
  settings: null,
  test: null,
  busy: false,
  error: null,
  savedForNextStart: false,

  async load() {
    const result = await request('storage.get', {})
    if (result.ok) set({ settings: result.data, error: null })
    else set({ error: userError(result.error) })
  },

  async testConnection(databaseUrl) {
    set({ test: { state: 'running' } })
    const result = await request('storage.test', { databaseUrl })
    set({
      test: result.ok
        ? { state: 'ok', result: result.data }
        : { state: 'failed', error: userError(result.error) },
    })
  },

  async apply(choice) {
    set({ busy: true, error: null, savedForNextStart: false })
    const result = await request('storage.use', choice)
    if (!result.ok) {
      set({ busy: false, error: userError(result.error) })
      return
    }
    const { restarted, ...settings } = result.data
    set({ busy: false, settings, savedForNextStart: !restarted })
    if (restarted) startOver()
  },

  clearTest() {
    set({ test: null })
  },
}))
