import { originOf } from './senderGuard'

/**
 * The only web permission the renderer uses: navigator.clipboard.writeText (the code block's
 * Copy button). Chromium sanitizes what is written; reading the clipboard stays denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/** A permission request or check, as plain values read from Electron's handler arguments. */
export interface PermissionAsk {
  permission: string
  /** The URL (request) or origin (check) that asks; empty or null when Electron gives none. */
  requestingUrl: string | null
  isMainFrame: boolean
  /** True when the asking webContents is one of the app's windows. */
  fromAppWindow: boolean
}

/**
 * Deny everything except an allowed permission asked by the app's own page, in its top frame,
 * in one of its windows. Used for both setPermissionRequestHandler and setPermissionCheckHandler.
 */
export function allowPermission(ask: PermissionAsk, appOrigin: string): boolean {
  if (!ALLOWED_PERMISSIONS.has(ask.permission)) return false
  if (!ask.isMainFrame || !ask.fromAppWindow || !ask.requestingUrl) return false
  const expected = originOf(appOrigin)
  return expected !== null && originOf(ask.requestingUrl) === expected
}
