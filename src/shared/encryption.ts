import { z } from 'zod'
import { StorageBackendKindSchema } from './storageKinds'

/** One SQLite file of the history and whether it is encrypted on disk now. */
export const EncryptedDatabaseSchema = z.object({
  /** The file name inside the data dir: activemirror.db or continuity.db. */
  name: z.string(),
  /** False for a plain file and for one not created yet. */
  encrypted: z.boolean(),
  exists: z.boolean(),
})

/** `encryption.status`, and `amos encryption status --json`. */
export const EncryptionStatusSchema = z.object({
  /** "Encrypt all history" is on and every history database on disk is encrypted. */
  encrypted: z.boolean(),
  /** False for the JSON folder store, which cannot be encrypted. */
  supported: z.boolean(),
  storage: StorageBackendKindSchema,
  /** Encrypted history with the vault locked: nothing of it can be read until unlocked. */
  locked: z.boolean(),
  databases: z.array(EncryptedDatabaseSchema),
})
export type EncryptionStatus = z.infer<typeof EncryptionStatusSchema>
