import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MIN_ITERATIONS } from '../../../../src/main/crypto/kdf'
import { createKeytarStore } from '../../../../src/main/keychain/keytarStore'
import type { SecretStore } from '../../../../src/main/keychain/secretStore'
import type { Clock } from '../../../../src/main/services/ids'
import type { Timers } from '../../../../src/main/vault/autoLock'
import { openVault } from '../../../../src/main/vault/openVault'
import type { VaultService } from '../../../../src/main/vault/vaultService'

/** A clock and timers that only move when the test says so. */
export class FakeTime implements Clock, Timers {
  private t = Date.parse('2025-03-01T09:00:00.000Z')
  private nextId = 1
  private readonly pending = new Map<number, { at: number; callback: () => void }>()

  now(): Date {
    return new Date(this.t)
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++
    this.pending.set(id, { at: this.t + ms, callback })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }

  get pendingCount(): number {
    return this.pending.size
  }

  /** Moves time forward, firing due timers in order (timers set while firing included). */
  advance(ms: number): void {
    const end = this.t + ms
    for (;;) {
      let next: [number, { at: number; callback: () => void }] | undefined
      for (const item of this.pending)
        if (item[1].at <= end && (!next || item[1].at < next[1].at)) next = item
      if (!next) break
      this.pending.delete(next[0])
      this.t = next[1].at
      next[1].callback()
    }
    this.t = end
  }
}

export interface VaultFixture {
  dir: string
  time: FakeTime
  keychain: SecretStore
  vault: VaultService
  /** Another service on the same directory (like a second process). */
  reopen(): VaultService
  cleanup(): Promise<void>
}

export function tempDir(prefix = 'amos-vault-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** A vault in a fresh temp dir, at the minimum iteration count (fast), with a unique keychain service. */
export function vaultFixture(options: { iterations?: number; dir?: string } = {}): VaultFixture {
  const dir = options.dir ?? tempDir()
  const time = new FakeTime()
  const keychain = createKeytarStore(`ActiveMirror-test-${randomUUID()}`)
  const opened: VaultService[] = []
  const make = (): VaultService => {
    const v = openVault({
      dir,
      keychain,
      clock: time,
      timers: time,
      iterations: options.iterations ?? MIN_ITERATIONS,
    })
    opened.push(v)
    return v
  }
  const vault = make()
  return {
    dir,
    time,
    keychain,
    vault,
    reopen: make,
    async cleanup() {
      for (const v of opened) await v.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function expectCode(
  promise: Promise<unknown>,
  code: string,
): Promise<Record<string, unknown> | undefined> {
  try {
    await promise
  } catch (error) {
    const e = error as { code?: string; data?: Record<string, unknown> }
    if (e.code !== code) throw new Error(`expected ${code}, got ${e.code ?? String(error)}`)
    return e.data
  }
  throw new Error(`expected ${code}, but it succeeded`)
}
