import { create } from 'zustand'
import type { ErrorCode, ErrorInfo } from '../../../shared/errors'
import type { ConnectionState } from '../bridge/wsBridge'

/** An error as it crosses the bridge (the shared ErrorInfo envelope, without its data). */
export type Problem = Pick<ErrorInfo, 'code' | 'message'>

export interface Alert {
  id: number
  code: ErrorCode
  message: string
  /** The session the error came from: shown only while that session is open. */
  sessionId?: string
}

interface UiState {
  alerts: Alert[]
  /** Text of the polite status region (import results, exports, …). */
  status: string
  /**
   * The status is a result notice (import, export): it stays until dismissed or replaced, with
   * `statusDetails` (e.g. the imported sessions' titles) listed under it.
   */
  statusSticky: boolean
  statusDetails: string[]
  connection: ConnectionState | 'ready'
  /** Bumped to ask the search box to take focus (Ctrl/Cmd+K). */
  searchFocusRequest: number
  /** Session waiting for the user to confirm its deletion. */
  confirmDeleteId: string | null
  settingsOpen: boolean
  /** The notice shown after the app's core was restarted (dismissible), or null. */
  coreRestartNotice: string | null
  /** The core stopped too often and was not restarted: nothing can reach it until a restart. */
  coreStopped: boolean
  reportError(error: Problem | Error | string, sessionId?: string): void
  dismissAlert(id: number): void
  setStatus(text: string): void
  /** A result the user must not miss: shown as a notice until dismissed or replaced. */
  showNotice(text: string, details?: string[]): void
  dismissStatus(): void
  setConnection(state: ConnectionState | 'ready'): void
  requestSearchFocus(): void
  askDelete(id: string | null): void
  setSettingsOpen(open: boolean): void
  coreRestarted(notice: string): void
  coreGaveUp(): void
  dismissCoreNotice(): void
}

const MAX_ALERTS = 4
/** Long enough to be read (and announced) after the action, short enough not to go stale. */
export const STATUS_CLEAR_MS = 10_000
let nextAlertId = 1
let statusTimer: ReturnType<typeof setTimeout> | null = null

/** Failures the core notice or banner already explains: one message, not one per request. */
function explainedByCoreNotice(state: UiState, code: ErrorCode): boolean {
  if (state.coreStopped) return code === 'CORE_UNAVAILABLE' || code === 'CORE_RESTARTED'
  return state.coreRestartNotice !== null && code === 'CORE_RESTARTED'
}

export const useUiStore = create<UiState>()((set) => ({
  alerts: [],
  status: '',
  statusSticky: false,
  statusDetails: [],
  connection: 'ready',
  searchFocusRequest: 0,
  confirmDeleteId: null,
  settingsOpen: false,
  coreRestartNotice: null,
  coreStopped: false,
  reportError(error, sessionId) {
    const info: Problem =
      typeof error === 'string'
        ? { code: 'INTERNAL', message: error }
        : error instanceof Error
          ? { code: 'INTERNAL', message: error.message }
          : error
    set((state) => {
      if (explainedByCoreNotice(state, info.code)) return state
      // The same failure repeated (e.g. while offline) is shown once.
      const same = (a: Alert) =>
        a.code === info.code && a.message === info.message && a.sessionId === sessionId
      if (state.alerts.some(same)) return state
      const alert: Alert = { id: nextAlertId++, code: info.code, message: info.message }
      if (sessionId) alert.sessionId = sessionId
      return { alerts: [...state.alerts, alert].slice(-MAX_ALERTS) }
    })
  },
  dismissAlert(id) {
    set((state) => ({ alerts: state.alerts.filter((a) => a.id !== id) }))
  },
  setStatus(text) {
    set({ status: text, statusSticky: false, statusDetails: [] })
    if (statusTimer) clearTimeout(statusTimer)
    statusTimer = null
    // A finished action's note fades once read; "working…" notes stay until replaced.
    if (text && !text.endsWith('…')) {
      statusTimer = setTimeout(() => {
        statusTimer = null
        if (useUiStore.getState().status === text) set({ status: '' })
      }, STATUS_CLEAR_MS)
    }
  },
  showNotice(text, details = []) {
    if (statusTimer) clearTimeout(statusTimer)
    statusTimer = null
    set({ status: text, statusSticky: true, statusDetails: details })
  },
  dismissStatus() {
    if (statusTimer) clearTimeout(statusTimer)
    statusTimer = null
    set({ status: '', statusSticky: false, statusDetails: [] })
  },
  setConnection(connection) {
    // Back online: "not reachable" alerts are history (a cut-off reply says so itself).
    if (connection === 'open') {
      set((state) => ({
        connection,
        alerts: state.alerts.filter((a) => a.code !== 'BRIDGE_DISCONNECTED'),
      }))
    } else set({ connection })
  },
  requestSearchFocus() {
    set((state) => ({ searchFocusRequest: state.searchFocusRequest + 1 }))
  },
  askDelete(id) {
    set({ confirmDeleteId: id })
  },
  setSettingsOpen(open) {
    set({ settingsOpen: open })
  },
  coreRestarted(notice) {
    // Requests cut off by the restart failed just before this; the notice says it for all.
    set((state) => ({
      coreRestartNotice: state.coreStopped ? null : notice,
      alerts: state.alerts.filter((a) => a.code !== 'CORE_RESTARTED'),
    }))
  },
  coreGaveUp() {
    set((state) => ({
      coreStopped: true,
      coreRestartNotice: null,
      alerts: state.alerts.filter(
        (a) => !explainedByCoreNotice({ ...state, coreStopped: true }, a.code),
      ),
    }))
  },
  dismissCoreNotice() {
    set({ coreRestartNotice: null })
  },
}))

/** For stores: show a failed result's error; with `sessionId`, only while that session is open. */
export function reportError(error: Problem, sessionId?: string): void {
  useUiStore.getState().reportError(error, sessionId)
}

/** The alerts to show with `openSessionId` open: the global ones and that session's. */
export function alertsFor(alerts: Alert[], openSessionId: string | null): Alert[] {
  return alerts.filter((a) => a.sessionId === undefined || a.sessionId === openSessionId)
}
