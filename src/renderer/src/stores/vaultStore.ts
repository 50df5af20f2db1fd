import { create } from 'zustand'
import type { MirrorBridge } from '../../../shared/bridge'
import type { Result } from '../../../shared/result'
import type { VaultRestoreReport } from '../../../shared/routeGroups/vault'
import type { VaultStatus } from '../../../shared/vault'
import { request } from '../bridge/bridgeClient'
import { textForOneRequest } from '../components/transfer/fileTransport'
import { sendUpload } from '../components/transfer/sendUpload'
import { saveFile } from '../lib/saveFile'
import type { PendingExport } from './storeEvents'
import { publish, subscribe } from './storeEvents'
import { useUiStore } from './uiStore'
import type { UserError } from '../lib/userError'
import { userError } from '../lib/userError'

/** An error shown inside the vault panel (role alert), next to what caused it. */

export type { PendingExport } from './storeEvents'

interface VaultState {
  status: VaultStatus | null
  open: boolean
  /** Why the panel was opened for the user (e.g. to send a sensitive message). */
  reason: string | null
  busy: boolean
  error: UserError | null
  pendingExport: PendingExport | null
  load(): Promise<void>
  setOpen(open: boolean, reason?: string | null): void
  /** True when unlocked; otherwise opens the unlock prompt with `reason` and answers false. */
  ensureUnlocked(reason: string): Promise<boolean>
  init(password: string, remember: boolean): Promise<boolean>
  unlock(password: string, remember: boolean): Promise<boolean>
  unlockWithDevice(): Promise<boolean>
  lock(): Promise<void>
  remember(on: boolean): Promise<void>
  changePassword(oldPassword: string, newPassword: string): Promise<boolean>
  setAutoLock(minutes: number | null): Promise<void>
  backup(): Promise<void>
  restore(file: File, password: string, mode: 'new' | 'merge'): Promise<VaultRestoreReport | null>
  askExport(pending: PendingExport): void
  finishExport(includeSensitive: boolean | null): Promise<void>
  clearError(): void
  /** Events from main (any window may have locked or unlocked it). */
  locked(): void
  unlocked(): void
}

export const useVaultStore = create<VaultState>()((set, get) => {
  /** Runs a call with the panel's busy flag and error handling; the status follows the answer. */
  /** Small backups go whole; one too big for a browser-host frame goes up in chunks first. */
  async function sendRestore(
    file: File,
    password: string,
    mode: 'new' | 'merge',
  ): Promise<Result<VaultRestoreReport>> {
    const content = await textForOneRequest(file)
    if (content !== null) return request('vault.restore', { content, password, mode })
    const sent = await sendUpload(file)
    if (sent.kind !== 'sent') {
      const cancelled = { code: 'CANCELLED' as const, message: 'The upload was cancelled.' }
      return { ok: false, error: sent.kind === 'failed' ? sent.error : cancelled }
    }
    return request('vault.restoreUpload', { uploadId: sent.uploadId, password, mode })
  }

  async function run<T>(call: () => Promise<Result<T>>): Promise<T | null> {
    set({ busy: true, error: null })
    const result = await call()
    set({ busy: false })
    if (!result.ok) {
      set({ error: userError(result.error) })
      return null
    }
    return result.data
  }

  /** Hides or reveals what the vault holds, once per change (answers and events both report it). */
  function transition(unlocked: boolean): void {
    const was = get().status?.unlocked === true
    if (was === unlocked) return
    set((state) => ({
      status: state.status ? { ...state.status, unlocked } : state.status,
      ...(unlocked ? { reason: null } : {}),
    }))
    // Cached messages (chatStore) and the entries list (vaultEntriesStore) follow this.
    void publish('vault.changed', { unlocked })
  }

  function adopt(status: VaultStatus): void {
    if (get().status) transition(status.unlocked)
    else if (status.unlocked) void publish('vault.entriesChanged', {})
    set({ status })
  }

  return {
    status: null,
    open: false,
    reason: null,
    busy: false,
    error: null,
    pendingExport: null,

    async load() {
      const result = await request('vault.status', {})
      if (result.ok) adopt(result.data)
    },

    setOpen(open, reason = null) {
      set({ open, reason: open ? reason : null, error: null })
      if (open) void get().load()
    },

    async ensureUnlocked(reason) {
      await get().load()
      if (get().status?.unlocked) return true
      get().setOpen(true, reason)
      return false
    },

    async init(password, remember) {
      const status = await run(() => request('vault.init', { password }))
      if (!status) return false
      adopt(status)
      if (remember) await get().remember(true)
      return true
    },

    async unlock(password, remember) {
      const status = await run(() => request('vault.unlock', { password }))
      if (!status) return false
      adopt(status)
      if (remember && !status.remembered) await get().remember(true)
      return true
    },

    async unlockWithDevice() {
      const status = await run(() => request('vault.unlockWithKeychain', {}))
      if (!status) return false
      adopt(status)
      return true
    },

    async lock() {
      const status = await run(() => request('vault.lock', {}))
      if (status) adopt(status)
    },

    async remember(on) {
      const status = await run(() => request('vault.remember', { on }))
      if (status) set({ status })
    },

    async changePassword(oldPassword, newPassword) {
      const status = await run(() => request('vault.changePassword', { oldPassword, newPassword }))
      if (!status) return false
      set({ status })
      useUiStore.getState().setStatus('Vault password changed.')
      return true
    },

    async setAutoLock(minutes) {
      const status = await run(() => request('vault.setAutoLock', { minutes }))
      if (status) set({ status })
    },

    async backup() {
      const file = await run(() => request('vault.backup', {}))
      if (!file) return
      saveFile(file)
      useUiStore.getState().setStatus(`Saved the encrypted backup ${file.fileName}.`)
    },

    async restore(file, password, mode) {
      const report = await run(() => sendRestore(file, password, mode))
      if (!report) return null
      await get().load()
      await publish('vault.entriesChanged', {})
      return report
    },

    askExport(pending) {
      set({ pendingExport: pending })
    },

    async finishExport(includeSensitive) {
      const pending = get().pendingExport
      set({ pendingExport: null })
      if (!pending || includeSensitive === null) return
      let file = pending.placeholders
      if (includeSensitive) {
        if (!(await get().ensureUnlocked('Unlock the vault to export sensitive messages.'))) return
        const result = await request('sessions.export', {
          id: pending.sessionId,
          format: pending.format,
          includeSensitive: true,
        })
        if (!result.ok) {
          useUiStore.getState().reportError(result.error)
          return
        }
        file = result.data
      }
      saveFile(file)
      useUiStore.getState().setStatus(`Exported ${file.fileName}.`)
    },

    clearError() {
      set({ error: null })
    },

    locked() {
      transition(false)
      void get().load()
    },

    unlocked() {
      transition(true)
      void get().load()
    },
  }
})

subscribe('export.sensitive', (pending) => useVaultStore.getState().askExport(pending))

/** Routes the bridge's vault events into the store; returns the unsubscribe function. */
export function connectVaultEvents(bridge: Pick<MirrorBridge, 'on'>): () => void {
  const offs = [
    bridge.on('vault.locked', () => useVaultStore.getState().locked()),
    bridge.on('vault.unlocked', () => useVaultStore.getState().unlocked()),
  ]
  return () => offs.forEach((off) => off())
}
