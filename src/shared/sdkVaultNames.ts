/**
 * File names of an ActiveMirrorOS SDK vault folder (both SDKs), without zod so the renderer can
 * pick the files to send without bundling schemas.
 */
export const SDK_INDEX_FILE = '.vault_index.enc'
export const SDK_ENTRY_SUFFIX = '.vault'

/** True for the files an SDK vault import reads (the index and `<key>.vault` entries). */
export function isSdkVaultFileName(name: string): boolean {
  return (
    name === SDK_INDEX_FILE ||
    (name.endsWith(SDK_ENTRY_SUFFIX) && name.length > SDK_ENTRY_SUFFIX.length)
  )
}

/** How reports name the two SDK vault formats. */
export const SDK_VAULT_FORMAT_NAMES = { python: 'Python', javascript: 'JavaScript' } as const
