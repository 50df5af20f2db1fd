import { create } from 'zustand'
import type {
  BackupPreview,
  BackupRestoreReport,
  BackupSchedule,
  BackupStatus,
} from '../../../shared/routeGroups/backup'
import type { UserError } from '../lib/userError'
import { userError } from '../lib/userError'
import { request } from '../bridge/bridgeClient'
import { useSessionsStore } from './sessionsStore'
import { useUiStore } from './uiStore'

/**
 * Settings → Privacy → Backups (docs/backup.md): the schedule, "Back up now", and a restore shown
 * as a preview of counts before anything is written. Main is the source of truth.
 */
interface BackupState {
  status: BackupStatus | null
  busy: boolean
  error: UserError | null
  /** The file and counts of the preview on screen; a restore needs one. */
  preview: { file: string; counts: BackupPreview } | null
  restored: BackupRestoreReport | null
  load(): Promise<void>
  setSchedule(patch: Partial<BackupSchedule>): Promise<boolean>
  /** The desktop app's folder picker; the chosen folder becomes the backup folder. */
  chooseFolder(): Promise<void>
  backUpNow(): Promise<void>
  previewRestore(file: string, password: string): Promise<void>
  restore(password: string): Promise<void>
  clearPreview(): void
}

export const useBackupStore = create<BackupState>()((set, get) => ({
  status: null,
  busy: false,
  error: null,
  preview: null,
  restored: null,

  async load() {
    const result = await request('backup.status', {})
    if (result.ok) set({ status: result.data })
    else set({ error: userError(result.error) })
  },

  async setSchedule(patch) {
    const result = await request('backup.setSchedule', patch)
    if (!result.ok) {
      set({ error: userError(result.error) })
      return false
    }
    set({ status: result.data, error: null })
    return true
  },

  async chooseFolder() {
    const result = await request('backup.chooseFolder', {})
    if (!result.ok) {
      set({ error: userError(result.error) })
      return
    }
    if (result.data.folder) await get().setSchedule({ folder: result.data.folder })
  },

  async backUpNow() {
    set({ busy: true, error: null })
    const result = await request('backup.create', {})
    set({ busy: false })
    if (!result.ok) {
      set({ error: userError(result.error) })
      return
    }
    useUiStore.getState().setStatus(`Backed up to ${result.data.file}.`)
    await get().load()
  },

  async previewRestore(file, password) {
    set({ busy: true, error: null, preview: null, restored: null })
    const result = await request('backup.preview', { file, password })
    set({ busy: false })
    if (result.ok) set({ preview: { file, counts: result.data } })
    else set({ error: userError(result.error) })
  },

  async restore(password) {
    const preview = get().preview
    if (!preview) return
    set({ busy: true, error: null })
    const result = await request('backup.restore', { file: preview.file, password })
    set({ busy: false })
    if (!result.ok) {
      set({ error: userError(result.error) })
      return
    }
    set({ preview: null, restored: result.data })
    useUiStore.getState().setStatus('Backup restored.')
    // This window wrote the sessions, so no change event comes back to it: list them again.
    await useSessionsStore.getState().load()
  },

  clearPreview() {
    set({ preview: null, restored: null, error: null })
  },
}))
