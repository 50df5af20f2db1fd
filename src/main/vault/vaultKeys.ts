import { randomUUID } from 'node:crypto'
import { MirrorError } from '../../shared/errors'
import { MIN_VAULT_PASSWORD_LENGTH } from '../../shared/vault'
import type { Sealed } from '../crypto/envelope'
import { DecryptError } from '../crypto/envelope'
import { deriveKey, newKdfParams } from '../crypto/kdf'
import type { KdfParams } from '../crypto/kdf'
import { keyCheck, matchesKeyCheck, newDataKey, unwrapKey, wrapKey } from '../crypto/keyWrap'
import { wipe } from '../crypto/wipe'
import type { VaultMeta } from './recordStore'

export function assertNewPassword(password: unknown): string {
  if (typeof password !== 'string' || [...password].length < MIN_VAULT_PASSWORD_LENGTH) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      `The vault password must be at least ${MIN_VAULT_PASSWORD_LENGTH} characters.`,
    )
  }
  return password
}

/** Wraps `dek` under a KEK derived from `password` with a fresh salt. */
export async function wrapWithPassword(
  dek: Buffer,
  password: string,
  iterations: number,
): Promise<{ kdf: KdfParams; wrappedKey: Sealed }> {
  const kdf = newKdfParams(iterations)
  const kek = await deriveKey(password, kdf)
  try {
    return { kdf, wrappedKey: wrapKey(kek, dek) }
  } finally {
    wipe(kek)
  }
}

/** A new vault: random DEK and vault id, DEK wrapped by the password. The caller owns `dek`. */
export async function newVault(
  password: string,
  iterations: number,
  createdAt: string,
): Promise<{ meta: VaultMeta; dek: Buffer }> {
  const dek = newDataKey()
  try {
    const { kdf, wrappedKey } = await wrapWithPassword(dek, password, iterations)
    const meta = {
      vaultId: `vault_${randomUUID()}`,
      kdf,
      wrappedKey,
      keyCheck: keyCheck(dek),
      createdAt,
    }
    return { meta, dek }
  } catch (error) {
    wipe(dek)
    throw error
  }
}

/**
 * The DEK for `password`, or null when the password is wrong (or the wrapped key was altered:
 * GCM cannot tell the two apart). A key that unwraps but fails the key check is VAULT_CORRUPT.
 */
export async function unwrapWithPassword(
  kdf: KdfParams,
  wrappedKey: Sealed,
  password: string,
  expectedCheck: Buffer | null,
): Promise<Buffer | null> {
  const kek = await deriveKey(password, kdf)
  let dek: Buffer
  try {
    dek = unwrapKey(kek, wrappedKey)
  } catch (error) {
    if (error instanceof DecryptError) return null
    throw error
  } finally {
    wipe(kek)
  }
  if (expectedCheck && !matchesKeyCheck(dek, expectedCheck)) {
    wipe(dek)
    throw new MirrorError(
      'VAULT_CORRUPT',
      'The vault key does not match its check value; the vault file may be damaged.',
    )
  }
  return dek
}
