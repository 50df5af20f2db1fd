import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { AttachmentIdSchema, isSealedId } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'

/** Folder of attachment bytes inside the app's files (never an SDK store's top level). */
export const ATTACHMENTS_DIR = 'attachments'

/** Turns bytes into what is written for a sensitive message (the vault's key; vault/sealedAttachments). */
export interface AttachmentSealer {
  /** A keyed hash of the bytes: equal files share an id without the id revealing the content. */
  idOf(bytes: Uint8Array): string
  seal(id: string, bytes: Uint8Array): Buffer
  open(id: string, sealed: Buffer): Buffer
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code
}

function notFound(id: string): MirrorError {
  return new MirrorError(
    'NOT_FOUND',
    `Attachment ${id} is not stored (it may have been deleted).`,
    {
      id,
    },
  )
}

/**
 * Attachment bytes, one file per content: `attachments/ab/abcdef…` (the SHA-256 of the bytes),
 * or `attachments/ab/sealed-abcdef…` for a sensitive message's file, which holds only
 * ciphertext. Written once (temp file + fsync + rename), so a reader never sees half a file and
 * storing the same bytes twice costs nothing.
 */
export class BlobStore {
  constructor(readonly dir: string) {}

  pathOf(id: string): string {
    if (!AttachmentIdSchema.safeParse(id).success) {
      throw new MirrorError('VALIDATION_FAILED', 'Not an attachment id.', { id })
    }
    const hex = isSealedId(id) ? id.slice('sealed-'.length) : id
    return path.join(this.dir, hex.slice(0, 2), id)
  }

  /** Stores `bytes` as they are; returns their id (SHA-256, hex). */
  async putPlain(bytes: Uint8Array): Promise<string> {
    const id = createHash('sha256').update(bytes).digest('hex')
    await this.write(id, () => bytes)
    return id
  }

  /** Stores `bytes` sealed by `sealer`; the plaintext never reaches the disk. */
  async putSealed(bytes: Uint8Array, sealer: AttachmentSealer): Promise<string> {
    const id = sealer.idOf(bytes)
    await this.write(id, () => sealer.seal(id, bytes))
    return id
  }

  async read(id: string, sealer?: () => AttachmentSealer): Promise<Buffer> {
    let data: Buffer
    try {
      data = await readFile(this.pathOf(id))
    } catch (error) {
      if (errno(error) === 'ENOENT') throw notFound(id)
      throw error
    }
    if (!isSealedId(id)) return data
    if (!sealer) throw notFound(id)
    return sealer().open(id, data)
  }

  async has(id: string): Promise<boolean> {
    return stat(this.pathOf(id)).then(
      () => true,
      () => false,
    )
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await unlink(this.pathOf(id)).catch((error: unknown) => {
        if (errno(error) !== 'ENOENT') throw error
      })
    }
  }

  /** Every stored id (for a full clean-up). */
  async list(): Promise<string[]> {
    const ids: string[] = []
    const shards = await readdir(this.dir).catch(() => [] as string[])
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue
      const names = await readdir(path.join(this.dir, shard)).catch(() => [] as string[])
      ids.push(...names.filter((n) => AttachmentIdSchema.safeParse(n).success))
    }
    return ids
  }

  private async write(id: string, content: () => Uint8Array): Promise<void> {
    const target = this.pathOf(id)
    if (await this.has(id)) return
    await mkdir(path.dirname(target), { recursive: true })
    const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    try {
      const handle = await open(temp, 'wx')
      try {
        await handle.writeFile(content())
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temp, target)
    } catch (error) {
      await rm(temp, { force: true })
      if (error instanceof MirrorError) throw error
      throw new MirrorError(
        'STORAGE_UNAVAILABLE',
        `Could not store the attachment (${errno(error) ?? 'write failed'}).`,
      )
    }
  }
}
