import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import { writeJsonAtomic } from '../fs/atomicWrite'
import { errorCode, nodeStoreFs } from '../fs/storeFs'

/** In the app files dir, beside providers.json. */
export const STORAGE_CHOICE_FILE = 'storage.json'

/** What is saved: the kind, and for PostgreSQL the URL without its password (in the keychain). */
export const SavedStorageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite') }),
  z.object({ kind: z.literal('postgres'), databaseUrl: z.string().min(1) }),
])
export type SavedStorage = z.infer<typeof SavedStorageSchema>

/** The saved choice, or null when there is none. STORAGE_CORRUPT for a file that is not one. */
export async function readStorageChoice(filesDir: string): Promise<SavedStorage | null> {
  let text: string
  try {
    text = await readFile(join(filesDir, STORAGE_CHOICE_FILE), 'utf8')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw new MirrorError('STORAGE_UNAVAILABLE', `Could not read ${STORAGE_CHOICE_FILE}.`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  const parsed = SavedStorageSchema.safeParse(json)
  if (!parsed.success) {
    throw new MirrorError(
      'STORAGE_CORRUPT',
      `${STORAGE_CHOICE_FILE} is not valid; fix or delete it to choose the storage again.`,
      { file: STORAGE_CHOICE_FILE },
    )
  }
  return parsed.data
}

export async function writeStorageChoice(filesDir: string, choice: SavedStorage): Promise<void> {
  await nodeStoreFs.mkdirp(filesDir)
  await writeJsonAtomic(nodeStoreFs, filesDir, STORAGE_CHOICE_FILE, choice)
}

/** The choice as it is now; calling the result puts exactly that back (no file stays no file). */
export async function snapshotStorageChoice(filesDir: string): Promise<() => Promise<void>> {
  const before = await readStorageChoice(filesDir).catch(() => null)
  return async () => {
    if (before) await writeStorageChoice(filesDir, before)
    else await rm(join(filesDir, STORAGE_CHOICE_FILE), { force: true })
  }
}
