import { create } from 'zustand'
import type { ErrorInfo } from '../../../shared/errors'
import type { RouteInput } from '../../../shared/routes'
import type { VaultEntry, VaultStats } from '../../../shared/vault'
import { request } from '../bridge/bridgeClient'
import type { UserError } from '../lib/userError'
import { userError } from '../lib/userError'
import { subscribe } from './storeEvents'

export type EntryInput = RouteInput<'vault.setEntry'>

interface VaultEntriesState {
  entries: VaultEntry[]
  stats: VaultStats | null
  /** How many records main skips because they cannot be read (`amos vault check`). */
  damaged: number
  query: string
  /** Search results for `query` (null when not searching). */
  results: VaultEntry[] | null
  error: UserError | null
  refresh(): Promise<void>
  /** Drops everything decrypted (the vault locked). */
  clear(): void
  /** Saves an entry; a changed key replaces the entry stored under `previousKey`. */
  save(input: EntryInput, previousKey?: string): Promise<boolean>
  remove(key: string): Promise<boolean>
  search(query: string): Promise<void>
}

export const useVaultEntriesStore = create<VaultEntriesState>()((set, get) => {
  function fail(error: ErrorInfo): false {
    set({ error: userError(error) })
    return false
  }

  return {
    entries: [],
    stats: null,
    damaged: 0,
    query: '',
    results: null,
    error: null,

    async refresh() {
      const [list, stats, check] = await Promise.all([
        request('vault.listEntries', {}),
        request('vault.stats', {}),
        request('vault.check', {}),
      ])
      // Locked in the meantime: the lock already cleared what was shown.
      if (!list.ok || !stats.ok) return
      const damaged = check.ok ? check.data.length : 0
      set({ entries: list.data, stats: stats.data, damaged, error: null })
      if (get().query) await get().search(get().query)
    },

    clear() {
      set({ entries: [], stats: null, damaged: 0, results: null, query: '', error: null })
    },

    async save(input, previousKey) {
      set({ error: null })
      const saved = await request('vault.setEntry', input)
      if (!saved.ok) return fail(saved.error)
      if (previousKey && previousKey !== input.key) {
        const removed = await request('vault.deleteEntry', { key: previousKey })
        if (!removed.ok) return fail(removed.error)
      }
      await get().refresh()
      return true
    },

    async remove(key) {
      set({ error: null })
      const removed = await request('vault.deleteEntry', { key })
      if (!removed.ok) return fail(removed.error)
      await get().refresh()
      return true
    },

    async search(query) {
      set({ query })
      if (!query.trim()) {
        set({ results: null })
        return
      }
      const found = await request('vault.searchEntries', { query })
      if (get().query !== query) return
      if (!found.ok) {
        fail(found.error)
        return
      }
      set({ results: found.data })
    },
  }
})

subscribe('vault.entriesChanged', () => useVaultEntriesStore.getState().refresh())
subscribe('vault.changed', ({ unlocked }) => {
  if (unlocked) return useVaultEntriesStore.getState().refresh()
  useVaultEntriesStore.getState().clear()
})
