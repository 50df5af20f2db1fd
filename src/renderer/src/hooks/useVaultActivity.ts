import { useEffect } from 'react'
import { request } from '../bridge/bridgeClient'
import { useVaultStore } from '../stores/vaultStore'

/** At most one `vault.touch` per this many ms: enough for minute-granular auto-lock. */
export const TOUCH_INTERVAL_MS = 30_000

/**
 * Auto-lock counts the user's activity, not the app's: typing or clicking in the window while the
 * vault is open postpones it (vault operations themselves count in main too). Idle time is what
 * remains, in browser mode and in the desktop app alike.
 */
export function useVaultActivity(): void {
  useEffect(() => {
    let last = 0
    function onActivity() {
      const now = Date.now()
      if (now - last < TOUCH_INTERVAL_MS || !useVaultStore.getState().status?.unlocked) return
      last = now
      void request('vault.touch', {})
    }
    window.addEventListener('pointerdown', onActivity, { capture: true, passive: true })
    window.addEventListener('keydown', onActivity, { capture: true, passive: true })
    return () => {
      window.removeEventListener('pointerdown', onActivity, { capture: true })
      window.removeEventListener('keydown', onActivity, { capture: true })
    }
  }, [])
}
