import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import path from 'node:path'
import type { Sealed } from '../crypto/envelope'
import { encrypt } from '../crypto/envelope'
import type { KdfParams } from '../crypto/kdf'
import { wipe } from '../crypto/wipe'
import {
  FRAME_PLAINTEXT_BYTES,
  FULL_BACKUP_FORMAT,
  FULL_BACKUP_VERSION,
  countRecord,
  frameAad,
  noCounts,
} from './backupFormat'
import type { BackupCounts, BackupRecord } from './backupFormat'

/** What the vault hands over to head a backup: its key section, and the file key sealed by the DEK. */
export interface BackupKeyMaterial {
  vaultId: string
  kdf: KdfParams
  wrappedKey: Sealed
  fileKey: Sealed
}

const b64 = (b: Buffer): string => b.toString('base64')
const sealedJson = (s: Sealed) => ({
  iv: b64(s.iv),
  ciphertext: b64(s.ciphertext),
  tag: b64(s.tag),
})

/**
 * Writes a backup file frame by frame: records are collected as JSON lines and sealed every
 * FRAME_PLAINTEXT_BYTES, so memory stays the size of one frame. The file is written under a
 * temporary name in the target folder and renamed into place by `finish()`; `abort()` (or a crash)
 * never leaves a partial file under the final name.
 */
export class BackupWriter {
  private pending: string[] = []
  private pendingBytes = 0
  private frames = 0
  private readonly counts: BackupCounts = noCounts()

  private constructor(
    private readonly handle: FileHandle,
    private readonly temp: string,
    private readonly target: string,
    private readonly key: Buffer,
  ) {}

  /** Opens `target`'s temporary sibling and writes the header. Takes ownership of `key`. */
  static async create(
    target: string,
    key: Buffer,
    material: BackupKeyMaterial,
    createdAt: string,
  ): Promise<BackupWriter> {
    const temp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    )
    const handle = await open(temp, 'wx', 0o600)
    const writer = new BackupWriter(handle, temp, target, key)
    const header = {
      format: FULL_BACKUP_FORMAT,
      version: FULL_BACKUP_VERSION,
      createdAt,
      vaultId: material.vaultId,
      kdf: {
        name: material.kdf.name,
        iterations: material.kdf.iterations,
        salt: b64(material.kdf.salt),
      },
      wrappedKey: sealedJson(material.wrappedKey),
      fileKey: sealedJson(material.fileKey),
    }
    try {
      await handle.write(`${JSON.stringify(header)}\n`)
    } catch (error) {
      await writer.abort()
      throw error
    }
    return writer
  }

  async add(record: BackupRecord): Promise<void> {
    countRecord(this.counts, record)
    const line = `${JSON.stringify(record)}\n`
    this.pending.push(line)
    this.pendingBytes += Buffer.byteLength(line)
    if (this.pendingBytes >= FRAME_PLAINTEXT_BYTES) await this.flush(false)
  }

  /** Seals the last frame (with the `end` record and its counts), syncs and renames into place. */
  async finish(): Promise<BackupCounts> {
    const counts = { ...this.counts }
    this.pending.push(`${JSON.stringify({ type: 'end', counts })}\n`)
    try {
      await this.flush(true)
      await this.handle.sync()
      await this.handle.close()
      await rename(this.temp, this.target)
    } catch (error) {
      await this.abort()
      throw error
    } finally {
      wipe(this.key)
    }
    return counts
  }

  async abort(): Promise<void> {
    wipe(this.key)
    await this.handle.close().catch(() => undefined)
    await rm(this.temp, { force: true })
  }

  private async flush(last: boolean): Promise<void> {
    const plain = Buffer.from(this.pending.join(''), 'utf8')
    this.pending = []
    this.pendingBytes = 0
    const sealed = encrypt(this.key, plain, frameAad(this.frames, last))
    wipe(plain)
    const frame = { frame: this.frames, last, ...sealedJson(sealed) }
    this.frames++
    await this.handle.write(`${JSON.stringify(frame)}\n`)
  }
}
