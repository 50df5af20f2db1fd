import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MIN_ITERATIONS } from '../../../../src/main/crypto/kdf'
import { createMirror } from '../../../../src/main/mirror'
import type { Mirror } from '../../../../src/main/services/contracts'
import type { StorageKind } from '../../../../src/main/storage/storage'

export const VAULT_PASSWORD = 'correct horse battery staple'

export interface MirrorFixture {
  dir: string
  mirror: Mirror
  keychainService: string
  /** Closes the mirror and opens a new one on the same data dir (like a restart). */
  reopen(): Promise<Mirror>
  cleanup(): Promise<void>
}

/** A real mirror on a temp data dir, with a private keychain service and fast (minimum) KDF. */
export async function mirrorFixture(storage: StorageKind = 'sqlite'): Promise<MirrorFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-vault-mirror-'))
  const keychainService = `ActiveMirror-test-${randomUUID()}`
  const open = () =>
    createMirror({
      dataDir: dir,
      storage,
      vault: { keychainService, iterations: MIN_ITERATIONS },
    })
  const fx: MirrorFixture = {
    dir,
    keychainService,
    mirror: await open(),
    async reopen() {
      await fx.mirror.close()
      fx.mirror = await open()
      return fx.mirror
    },
    async cleanup() {
      await fx.mirror.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  return fx
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
