import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { MIN_ITERATIONS } from '../../../../src/main/crypto/kdf'
import type { StorageKind } from '../../../../src/main/storage/storage'
import { tempMirror } from '../../helpers/tempMirror'
import type { TempMirror } from '../../helpers/tempMirror'

export const VAULT_PASSWORD = 'correct horse battery staple'

export interface MirrorFixture extends TempMirror {
  keychainService: string
}

/** A real mirror on a temp data dir, with a private keychain service and fast (minimum) KDF. */
export async function mirrorFixture(storage: StorageKind = 'sqlite'): Promise<MirrorFixture> {
  const keychainService = `ActiveMirror-test-${randomUUID()}`
  const fx = await tempMirror('amos-vault-mirror-', () => ({
    storage,
    vault: { keychainService, iterations: MIN_ITERATIONS },
  }))
  // The same object: reopen() replaces fx.mirror in place.
  return Object.assign(fx, { keychainService })
}

export function allFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? allFiles(p) : [p]
  })
}

/** Files under `dir` (WAL and SHM included) whose bytes contain `needle` in UTF-8 or UTF-16. */
export function filesContaining(dir: string, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]
  return allFiles(dir).filter((file) => {
    const bytes = fs.readFileSync(file)
    return forms.some((form) => bytes.includes(form))
  })
}

export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  let error: unknown = null
  try {
    await promise
  } catch (caught) {
    error = caught
  }
  const got = (error as { code?: string } | null)?.code
  if (got !== code) throw new Error(`expected ${code}, got ${got ?? 'success'}`)
}
