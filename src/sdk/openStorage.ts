import { openStorage as openBuiltIn } from '../main/mirror'
import type { Storage, StorageKind } from '../main/storage/storage'

/**
 * A built-in backend, to wrap in a custom one (docs/sdk.md "Custom storage"): `'memory'` needs
 * no folder; `'sqlite'` and `'json'` open (or create) their store in `dataDir`; `'postgres'`
 * connects to `options.databaseUrl` (else env AMOS_DATABASE_URL).
 * Declared here, not re-exported, so the published types stop at the Storage interface.
 */
export function openStorage(
  kind: StorageKind,
  dataDir?: string,
  options: { databaseUrl?: string } = {},
): Promise<Storage> {
  return openBuiltIn(kind, dataDir, options)
}
