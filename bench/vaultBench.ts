import { createCipheriv, createDecipheriv, pbkdf2, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { DEFAULT_ITERATIONS, MIN_ITERATIONS } from '../src/main/crypto/kdf'
import { createKeytarStore, keychainService } from '../src/main/keychain/keytarStore'
import { openVault } from '../src/main/vault/openVault'
import type { VaultService } from '../src/main/vault/vaultService'
import { median } from './stats'
import { ms, report } from './summary'

/**
 * Vault figures for issue 5: unlock time at the default PBKDF2 iterations, and the cost per record
 * of the vault's store+encrypt (`set`) and load+decrypt (`get`) against a raw baseline in the
 * same run: node:crypto AES-256-GCM on the same JSON payload plus a plain better-sqlite3
 * insert/select of iv, ciphertext and tag (same pragmas, one transaction per record).
 */

const RECORDS = 1_000
const SIZES = [200, 4_000]
/** Vault and baseline alternate round by round and medians are compared, so a busy machine
 * slows both sides alike. */
const ROUNDS = 3
const UNLOCKS = 5
const TARGET_RATIO = 2
/** Unlocking is the key derivation plus reading and checking the vault: little beyond the KDF. */
const UNLOCK_TARGET_RATIO = 1.2
const PASSWORD = 'benchmark password'

function payload(i: number, size: number): string {
  const filler = 'reflection about the garden and the quiet morning '.repeat(Math.ceil(size / 50))
  return `${i}:${filler}`.slice(0, size)
}

async function time(op: () => Promise<void> | void): Promise<number> {
  const start = performance.now()
  await op()
  return performance.now() - start
}

function rawBaseline(file: string, plaintexts: Buffer[]): { store: number; load: number } {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('secure_delete = ON')
  db.exec(
    'CREATE TABLE r (id TEXT PRIMARY KEY, kind TEXT, iv BLOB, ciphertext BLOB, tag BLOB, updated_at TEXT) STRICT',
  )
  const insert = db.prepare('INSERT INTO r VALUES (?, ?, ?, ?, ?, ?)')
  const select = db.prepare<[string], { iv: Buffer; ciphertext: Buffer; tag: Buffer }>(
    'SELECT iv, ciphertext, tag FROM r WHERE id = ?',
  )
  const key = randomBytes(32)
  const t0 = performance.now()
  plaintexts.forEach((plain, i) => {
    const iv = randomBytes(12)
    const c = createCipheriv('aes-256-gcm', key, iv)
    const ct = Buffer.concat([c.update(plain), c.final()])
    db.transaction(() =>
      insert.run(`r${i}`, 'entry', iv, ct, c.getAuthTag(), new Date().toISOString()),
    ).immediate()
  })
  const t1 = performance.now()
  let bytes = 0
  plaintexts.forEach((_, i) => {
    const row = select.get(`r${i}`)!
    const d = createDecipheriv('aes-256-gcm', key, row.iv)
    d.setAuthTag(row.tag)
    const plain = Buffer.concat([d.update(row.ciphertext), d.final()])
    bytes += JSON.parse(plain.toString('utf8')).key.length
  })
  const t2 = performance.now()
  db.close()
  if (bytes === 0) throw new Error('baseline decrypted nothing')
  return { store: t1 - t0, load: t2 - t1 }
}

async function vaultRun(
  vault: VaultService,
  values: string[],
): Promise<{ store: number; load: number }> {
  const store = await time(async () => {
    for (let i = 0; i < values.length; i++)
      await vault.set(`key-${i}`, values[i]!, { category: 'knowledge' })
  })
  const load = await time(async () => {
    for (let i = 0; i < values.length; i++) {
      if ((await vault.get(`key-${i}`))?.value !== values[i])
        throw new Error('vault returned a wrong value')
    }
  })
  return { store, load }
}

/** The KDF alone, as the vault calls it: PBKDF2-SHA256 on libuv's thread pool. */
function rawKdf(iterations: number): Promise<void> {
  return new Promise((resolve, reject) =>
    pbkdf2(PASSWORD, randomBytes(16), iterations, 32, 'sha256', (error) =>
      error ? reject(error) : resolve(),
    ),
  )
}

function line(label: string, vaultMs: number, rawMs: number, size: number): void {
  const ratio = vaultMs / rawMs
  report({
    figure: `vault ${label}, ${RECORDS} records of ~${size} B, per record`,
    app: `${((vaultMs * 1000) / RECORDS).toFixed(1)} µs`,
    raw: `${((rawMs * 1000) / RECORDS).toFixed(1)} µs`,
    ratio,
    target: `≤ ${TARGET_RATIO}× raw`,
    met: ratio <= TARGET_RATIO,
  })
  const per = (ms: number): string => `${((ms * 1000) / RECORDS).toFixed(1)} µs`
  console.log(
    `  ${label.padEnd(14)} vault ${per(vaultMs).padStart(10)}/record   raw ${per(rawMs).padStart(10)}/record   ` +
      `ratio ${ratio.toFixed(2)}x   within ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'yes' : 'NO'}`,
  )
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-vault-bench-'))
  // Never written to: the benchmark does not remember a vault on the device.
  const keychain = createKeytarStore(keychainService())
  try {
    const unlockDir = path.join(root, 'unlock')
    const slow = openVault({ dir: unlockDir, keychain, iterations: DEFAULT_ITERATIONS })
    await slow.init(PASSWORD)
    const unlocks: number[] = []
    const kdfs: number[] = []
    // Alternating, so that background load hits both alike.
    for (let i = 0; i < UNLOCKS; i++) {
      slow.lock()
      unlocks.push(await time(() => slow.unlock(PASSWORD).then(() => undefined)))
      kdfs.push(await time(() => rawKdf(DEFAULT_ITERATIONS)))
    }
    await slow.close()
    console.log(
      `unlock at ${DEFAULT_ITERATIONS} PBKDF2 iterations: median ${median(unlocks).toFixed(0)} ms, ` +
        `the KDF alone ${median(kdfs).toFixed(0)} ms (of ${UNLOCKS})`,
    )
    report({
      figure: `vault unlock (PBKDF2-SHA256, ${DEFAULT_ITERATIONS.toLocaleString('en')} iterations), median`,
      app: ms(median(unlocks), 0),
      raw: ms(median(kdfs), 0),
      ratio: median(unlocks) / median(kdfs),
      target: `≤ ${UNLOCK_TARGET_RATIO}× the KDF`,
      met: median(unlocks) / median(kdfs) <= UNLOCK_TARGET_RATIO,
    })

    console.log(
      'raw = node:crypto AES-256-GCM on the same JSON + a plain better-sqlite3 insert/select',
    )
    for (const size of SIZES) {
      const values = Array.from({ length: RECORDS }, (_, i) => payload(i, size))
      // The baseline encrypts the very JSON plaintext the vault writes for each entry.
      const now = new Date().toISOString()
      const plaintexts = values.map((value, i) =>
        Buffer.from(
          JSON.stringify({
            kind: 'entry',
            key: `key-${i}`,
            value,
            category: 'knowledge',
            metadata: { tags: [], useInConversations: false },
            createdAt: now,
            updatedAt: now,
          }),
        ),
      )
      const mine: Array<{ store: number; load: number }> = []
      const raw: Array<{ store: number; load: number }> = []
      // Round 0 warms the JIT and SQLite on both sides and is not counted.
      for (let round = 0; round <= ROUNDS; round++) {
        const dir = path.join(root, `s${size}-r${round}`)
        const vault = openVault({ dir, keychain, iterations: MIN_ITERATIONS })
        await vault.init(PASSWORD)
        const v = await vaultRun(vault, values)
        await vault.close()
        const r = rawBaseline(path.join(dir, 'raw.db'), plaintexts)
        if (round > 0) {
          mine.push(v)
          raw.push(r)
        }
      }
      console.log(`${RECORDS} records of ~${size} B (median of ${ROUNDS} alternating rounds):`)
      line('store+encrypt', median(mine.map((m) => m.store)), median(raw.map((r) => r.store)), size)
      line('load+decrypt', median(mine.map((m) => m.load)), median(raw.map((r) => r.load)), size)
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
}
