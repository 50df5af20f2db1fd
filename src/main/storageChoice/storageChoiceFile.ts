import { z } from 'zod'
import { JsonSettingsFile } from '../fs/jsonSettingsFile'

/** In the app files dir, beside providers.json. */
export const STORAGE_CHOICE_FILE = 'storage.json'

/** What is saved: the kind, and for PostgreSQL the URL without its password (in the keychain). */
export const SavedStorageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite') }),
  z.object({ kind: z.literal('postgres'), databaseUrl: z.string().min(1) }),
])
export type SavedStorage = z.infer<typeof SavedStorageSchema>

const StorageFileSchema = z.object({ storage: SavedStorageSchema.optional() })
type StorageFile = z.infer<typeof StorageFileSchema>

function storageFile(filesDir: string): JsonSettingsFile<StorageFile> {
  return new JsonSettingsFile(filesDir, STORAGE_CHOICE_FILE, StorageFileSchema, () => ({}))
}

/** The saved choice, or null when there is none. STORAGE_CORRUPT for a file that is not one. */
export async function readStorageChoice(filesDir: string): Promise<SavedStorage | null> {
  return (await storageFile(filesDir).read()).storage ?? null
}

export async function writeStorageChoice(
  filesDir: string,
  choice: SavedStorage | null,
): Promise<void> {
  await storageFile(filesDir).mutate((file) => {
    if (choice) file.storage = choice
    else delete file.storage
  })
}

/** The choice as it is now; calling the result puts exactly that back. */
export async function snapshotStorageChoice(filesDir: string): Promise<() => Promise<void>> {
  const before = await readStorageChoice(filesDir).catch(() => null)
  return () => writeStorageChoice(filesDir, before)
}
