import { z } from 'zod'
import { StorageBackendKindSchema } from '../storageKinds'
import { EmptyInputSchema, route } from './route'

/** Settings → Storage (docs/storage.md "PostgreSQL"): where the app keeps its history. */

/** A PostgreSQL URL as typed; the main process parses it (VALIDATION_FAILED when it is not one). */
export const DatabaseUrlInputSchema = z.string().trim().min(1).max(2048)

/** The two choices Settings offers; the data dir's own JSON store is chosen by the folder. */
export const StorageChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite') }).strict(),
  z.object({ kind: z.literal('postgres'), databaseUrl: DatabaseUrlInputSchema }).strict(),
])
export type StorageChoice = z.infer<typeof StorageChoiceSchema>

/** A URL as the renderer sees it: the password, when there is one, is replaced by the mask. */
const MaskedUrlSchema = z.string().nullable()

export const StorageSettingsSchema = z.object({
  /** What the core runs on now. */
  current: z.object({
    kind: StorageBackendKindSchema,
    databaseUrl: MaskedUrlSchema,
  }),
  /** What Settings saved (null: nothing saved, the default applies). */
  saved: z
    .object({ kind: z.enum(['sqlite', 'postgres']), databaseUrl: MaskedUrlSchema })
    .nullable(),
  /** AMOS_STORAGE / --storage chose the storage at start: a saved choice applies only without it. */
  overridden: z.boolean(),
})
export type StorageSettings = z.infer<typeof StorageSettingsSchema>

export const ConnectionTestSchema = z.object({
  /** host:port/database, never the password. */
  server: z.string(),
  serverVersion: z.string(),
})
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>

export const storageRoutes = {
  'storage.get': route(EmptyInputSchema, StorageSettingsSchema),
  /** Opens a connection, runs one trivial query with a short timeout, closes. Saves nothing. */
  'storage.test': route(
    z.object({ databaseUrl: DatabaseUrlInputSchema }).strict(),
    ConnectionTestSchema,
  ),
  /**
   * Tests the database (for postgres), saves the choice and, in the app and the browser host,
   * restarts the core on it (`restarted`); elsewhere it applies from the next start.
   */
  'storage.use': route(
    StorageChoiceSchema,
    StorageSettingsSchema.extend({ restarted: z.boolean() }),
  ),
}
