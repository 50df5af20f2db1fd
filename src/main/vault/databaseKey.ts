import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import { DecryptError } from '../crypto/envelope'
import { newDataKey } from '../crypto/keyWrap'
import { wipe } from '../crypto/wipe'
import { writeJsonAtomic } from '../fs/atomicWrite'
import { nodeStoreFs } from '../fs/storeFs'

/** Beside vault.db: the history's database key, sealed by the vault's data key (docs/vault.md). */
export const DATABASE_KEY_FILE_NAME = 'database-key.json'
const FORMAT = 'activemirror.database-key'

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/)
const WrappedDatabaseKeySchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  /** The vault whose data key sealed it: another vault (a restored one) cannot open it. */
  vaultId: z.string().min(1),
  iv: base64,
  ciphertext: base64,
  tag: base64,
})
export type WrappedDatabaseKey = z.infer<typeof WrappedDatabaseKeySchema>

/** What the vault offers for sealing another key (VaultLifecycle.sealWithDataKey). */
export interface DataKeySealer {
  sealWithDataKey(key: Buffer, aad: Buffer): { iv: Buffer; ciphertext: Buffer; tag: Buffer }
  openWithDataKey(sealed: { iv: Buffer; ciphertext: Buffer; tag: Buffer }, aad: Buffer): Buffer
}

// The vault id is bound in, so a key file copied next to another vault is refused, not misused.
const aadFor = (vaultId: string): Buffer => Buffer.from(`${FORMAT}.v1:${vaultId}`, 'utf8')

const keyFileProblem = (reason: string): MirrorError =>
  new MirrorError(
    'ENCRYPTION_KEY_MISSING',
    `The encrypted history cannot be opened: its database key ${reason}. Nothing was changed.`,
    { file: DATABASE_KEY_FILE_NAME },
  )

export function databaseKeyPath(dir: string): string {
  return path.join(dir, DATABASE_KEY_FILE_NAME)
}

export function hasDatabaseKey(dir: string): boolean {
  return fs.existsSync(databaseKeyPath(dir))
}

/** The sealed key, or null when there is none; a damaged file is ENCRYPTION_KEY_MISSING. */
export function readWrappedDatabaseKey(dir: string): WrappedDatabaseKey | null {
  let text: string
  try {
    text = fs.readFileSync(databaseKeyPath(dir), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw keyFileProblem(`file ${DATABASE_KEY_FILE_NAME} cannot be read`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  const parsed = WrappedDatabaseKeySchema.safeParse(json)
  if (!parsed.success) throw keyFileProblem(`file ${DATABASE_KEY_FILE_NAME} is damaged`)
  return parsed.data
}

/** Opens the sealed key with the vault's data key (the vault must be unlocked). */
export function unwrapDatabaseKey(vault: DataKeySealer, wrapped: WrappedDatabaseKey): Buffer {
  try {
    return vault.openWithDataKey(
      {
        iv: Buffer.from(wrapped.iv, 'base64'),
        ciphertext: Buffer.from(wrapped.ciphertext, 'base64'),
        tag: Buffer.from(wrapped.tag, 'base64'),
      },
      aadFor(wrapped.vaultId),
    )
  } catch (error) {
    if (error instanceof DecryptError) throw keyFileProblem('was sealed by another vault')
    throw error
  }
}

/** A new random database key, sealed and saved (atomically) before anything is encrypted with it. */
export async function createDatabaseKey(
  dir: string,
  vault: DataKeySealer,
  vaultId: string,
): Promise<Buffer> {
  const key = newDataKey()
  try {
    const sealed = vault.sealWithDataKey(key, aadFor(vaultId))
    const file: WrappedDatabaseKey = {
      format: FORMAT,
      version: 1,
      vaultId,
      iv: sealed.iv.toString('base64'),
      ciphertext: sealed.ciphertext.toString('base64'),
      tag: sealed.tag.toString('base64'),
    }
    await writeJsonAtomic(nodeStoreFs, dir, DATABASE_KEY_FILE_NAME, file)
    return key
  } catch (error) {
    wipe(key)
    throw error
  }
}

/** Only once no file is encrypted with it any more. */
export function removeDatabaseKey(dir: string): void {
  fs.rmSync(databaseKeyPath(dir), { force: true })
}
