import { create } from 'zustand'
import type { EncryptionStatus } from '../../../shared/encryption'
import { request } from '../bridge/bridgeClient'
import type { UserError } from '../lib/userError'
import { userError } from '../lib/userError'
import { subscribe } from './storeEvents'
import { useUiStore } from './uiStore'

/** "Encrypt all history" (Settings → Privacy) and whether the history is locked right now. */
interface EncryptionState {
  status: EncryptionStatus | null
  /** The first answer (or failure) came: until then the window shows nothing of the history. */
  checked: boolean
  busy: boolean
  error: UserError | null
  load(): Promise<void>
  /** Turns the switch; answers true when main did it. */
  setEncrypted(on: boolean): Promise<boolean>
}

export const useEncryptionStore = create<EncryptionState>()((set, get) => ({
  status: null,
  checked: false,
  busy: false,
  error: null,

  async load() {
    const result = await request('encryption.status', {})
    if (result.ok) set({ status: result.data, checked: true })
    else set({ error: userError(result.error), checked: true })
  },

  async setEncrypted(on) {
    set({ busy: true, error: null })
    const result = await request(on ? 'encryption.enable' : 'encryption.disable', {})
    set({ busy: false })
    if (!result.ok) {
      set({ error: userError(result.error) })
      await get().load()
      return false
    }
    set({ status: result.data })
    useUiStore
      .getState()
      .setStatus(on ? 'All history is encrypted now.' : 'History is stored unencrypted now.')
    return true
  },
}))

// Locking or unlocking the vault locks or opens encrypted history with it.
subscribe('vault.changed', () => useEncryptionStore.getState().load())
