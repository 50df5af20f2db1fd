import type { Migration } from '../sqlite/migration'

/**
 * The vault's own schema, kept apart from the sessions database so the encrypted store can be
 * copied, backed up or wiped on its own. No column holds plaintext of a record.
 */
export const VAULT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: '0001_create_vault',
    up(db) {
      db.exec(`
        CREATE TABLE vault_meta (
          singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
          vault_id TEXT NOT NULL,
          kdf_name TEXT NOT NULL,
          kdf_iterations INTEGER NOT NULL,
          kdf_salt BLOB NOT NULL,
          wrap_iv BLOB NOT NULL,
          wrap_ciphertext BLOB NOT NULL,
          wrap_tag BLOB NOT NULL,
          key_check BLOB NOT NULL,
          remembered INTEGER NOT NULL DEFAULT 0,
          failed_unlocks INTEGER NOT NULL DEFAULT 0,
          retry_at INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE vault_records (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('entry', 'message')),
          iv BLOB NOT NULL,
          ciphertext BLOB NOT NULL,
          tag BLOB NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
      `)
    },
  },
  {
    version: 2,
    name: '0002_create_vault_quarantine',
    // Damaged records moved aside by `amos vault check --quarantine`: kept byte for byte, so a
    // later tool (or a backup of the old key) can still try them; never read by the vault.
    up(db) {
      db.exec(`
        CREATE TABLE vault_quarantine (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL,
          kind TEXT NOT NULL,
          iv BLOB NOT NULL,
          ciphertext BLOB NOT NULL,
          tag BLOB NOT NULL,
          updated_at TEXT NOT NULL,
          reason TEXT NOT NULL,
          quarantined_at TEXT NOT NULL
        ) STRICT;
      `)
    },
  },
]
