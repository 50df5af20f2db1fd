import type { VaultRecordStore } from './recordStore'

/** How often an open app asks the vault database whether another process committed. */
export const VAULT_CHECK_MS = 250

/**
 * Calls `listener` when another process changed the vault file (created it, restored into it,
 * changed the password or the remembered flag, added or removed entries). The store's change
 * token is SQLite's `data_version`, which this process's own commits leave alone, so a look
 * costs one pragma (or one stat while there is no vault file) whatever the vault holds.
 */
export function watchVaultStore(
  store: Pick<VaultRecordStore, 'changeToken'>,
  listener: () => void,
  intervalMs = VAULT_CHECK_MS,
): () => void {
  let last: number | null = null
  let looking = false
  const look = (): void => {
    if (looking) return
    looking = true
    store
      .changeToken()
      .then(
        (token) => {
          if (last !== null && token !== last) listener()
          last = token
        },
        () => undefined, // Closed or busy: the next look tries again.
      )
      .finally(() => (looking = false))
  }
  // The first look is the baseline: taken now, so a change made before the first tick counts.
  look()
  const timer = setInterval(look, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
