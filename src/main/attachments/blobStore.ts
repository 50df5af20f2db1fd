import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { AttachmentIdSchema, isSealedId } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'
import type { SharedAttachmentBytes } from '../storage/storage'

/** Folder of attachment bytes inside the app's files (never an SDK store's top level). */
export const ATTACHMENTS_DIR = 'attachments'

/** Turns bytes into what is written for a sensitive message (the vault's key; vault/sealedAttachments). */
export interface AttachmentSealer {
  /** A keyed hash of the bytes: equal files share an id without the id revealing the content. */
  idOf(bytes: Uint8Array): string
  seal(id: string, bytes: Uint8Array): Buffer
  open(id: string, sealed: Buffer): Buffer
}

/**
 * Encryption at rest for the files of plain ids while "Encrypt all history" is on
 * (vault/attachmentsAtRest.ts): the file is stored under a keyed name, its id inside it.
 */
export interface AtRestCipher {
  /** `enc-` + 64 hex digits: the file name for `id`, which says nothing about the content. */
  nameOf(id: string): string
  seal(id: string, bytes: Uint8Array): Buffer
  /** The id and bytes of the file called `name`; STORAGE_CORRUPT when it does not authenticate. */
  open(name: string, file: Buffer): { id: string; bytes: Buffer }
}

/** The cipher while the history is encrypted, null while it is not (VAULT_LOCKED when locked). */
export type AtRestSource = () => AtRestCipher | null

export const isAtRestName = (name: string): boolean => /^enc-[0-9a-f]{64}$/.test(name)

export function errno(error: unknown): string | undefined {
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
 * ciphertext; while the history is encrypted, a plain id's file is `attachments/xy/enc-…`
 * (`atRest`). Written once (temp file + fsync + rename), so a reader never sees half a file and
 * storing the same bytes twice costs nothing.
 *
 * With `shared` (history on PostgreSQL, which is never encrypted at rest) every file is also
 * stored in the database, so another machine reads it: the local folder is then a cache,
 * filled on first read.
 */
export class BlobStore {
  constructor(
    readonly dir: string,
    private readonly atRest: AtRestSource = () => null,
    private readonly shared?: SharedAttachmentBytes,
  ) {}

  pathOf(id: string): string {
    if (!AttachmentIdSchema.safeParse(id).success) {
      throw new MirrorError('VALIDATION_FAILED', 'Not an attachment id.', { id })
    }
    const hex = isSealedId(id) ? id.slice('sealed-'.length) : id
    return path.join(this.dir, hex.slice(0, 2), id)
  }

  /** Where a plain id's file lives while the history is encrypted. */
  atRestPathOf(name: string): string {
    return path.join(this.dir, name.slice('enc-'.length, 'enc-'.length + 2), name)
  }

  /** Stores `bytes` under their id (SHA-256, hex): encrypted while the history is. */
  async putPlain(bytes: Uint8Array): Promise<string> {
    const id = createHash('sha256').update(bytes).digest('hex')
    const cipher = this.atRest()
    if (!cipher) await this.write(this.pathOf(id), () => bytes)
    else if (!(await this.has(id))) {
      await writeOnce(this.atRestPathOf(cipher.nameOf(id)), () => cipher.seal(id, bytes))
    }
    await this.share(id, bytes)
    return id
  }

  /** Stores `bytes` sealed by `sealer`; the plaintext never reaches the disk. */
  async putSealed(bytes: Uint8Array, sealer: AttachmentSealer): Promise<string> {
    const id = sealer.idOf(bytes)
    if (!this.shared) {
      await this.write(this.pathOf(id), () => sealer.seal(id, bytes))
      return id
    }
    const sealed = sealer.seal(id, bytes)
    await this.write(this.pathOf(id), () => sealed)
    await this.share(id, sealed)
    return id
  }

  async read(id: string, sealer?: () => AttachmentSealer): Promise<Buffer> {
    if (!isSealedId(id)) return this.readPlainId(id)
    const data = await this.readSealedFile(id)
    if (!sealer) throw notFound(id)
    return sealer().open(id, data)
  }

  /**
   * What a full backup copies: a plain id's bytes (its file decrypted when the history is
   * encrypted at rest; the backup is encrypted whole), a sealed id's file exactly as stored.
   */
  readStored(id: string): Promise<Buffer> {
    return isSealedId(id) ? this.readSealedFile(id) : this.readPlainId(id)
  }

  /**
   * Puts back what `readStored` gave (a backup's restore): plain bytes are stored as any file
   * (encrypted at rest while the history is) and must hash to their id; a sealed file is
   * written as it is, checked when it is opened (its tag, under the vault's key).
   */
  async putStored(id: string, data: Uint8Array): Promise<void> {
    if (isSealedId(id)) {
      await this.write(this.pathOf(id), () => data)
      await this.share(id, data)
      return
    }
    if (createHash('sha256').update(data).digest('hex') !== id) {
      throw new MirrorError('BACKUP_CORRUPT', `Attachment ${id} does not match its id.`, { id })
    }
    await this.putPlain(data)
  }

  async has(id: string): Promise<boolean> {
    return (await this.hasLocal(id)) || ((await this.shared?.hasAttachmentBytes(id)) ?? false)
  }

  private async hasLocal(id: string): Promise<boolean> {
    if (await exists(this.pathOf(id))) return true
    if (isSealedId(id)) return false
    const cipher = this.atRest()
    return cipher !== null && exists(this.atRestPathOf(cipher.nameOf(id)))
  }

  /** Removes the files; the shared copies only where no machine's message refers to them. */
  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.shared?.removeAttachmentBytes(ids)
    for (const id of ids) {
      await removeFile(this.pathOf(id))
      if (isSealedId(id)) continue
      const cipher = this.atRest()
      if (cipher) await removeFile(this.atRestPathOf(cipher.nameOf(id)))
    }
  }

  /**
   * Every stored id (for a full clean-up, a full backup); encrypted files are opened to learn
   * theirs. With `shared`, the database's too.
   */
  async list(): Promise<string[]> {
    const ids: string[] = this.shared ? await this.shared.listAttachmentBytes() : []
    for (const file of await shardFiles(this.dir)) {
      const name = path.basename(file)
      if (AttachmentIdSchema.safeParse(name).success) ids.push(name)
      else if (isAtRestName(name)) {
        const cipher = this.atRest()
        const data = cipher ? await readOrNull(file) : null
        if (cipher && data) ids.push(cipher.open(name, data).id)
      }
    }
    return [...new Set(ids)]
  }

  /**
   * A plain id's bytes: its plain file, else (history encrypted) its encrypted one. A conversion
   * writes the new file before removing the old one, so one of the two is always there; the
   * plain file is tried again in case a conversion swapped them between the two reads.
   */
  private async readPlainId(id: string): Promise<Buffer> {
    const plain = await readOrNull(this.pathOf(id))
    if (plain) return plain
    const cipher = this.atRest()
    if (cipher) {
      const name = cipher.nameOf(id)
      const sealed = await readOrNull(this.atRestPathOf(name))
      if (sealed) {
        const opened = cipher.open(name, sealed)
        if (opened.id !== id) throw notFound(id)
        return opened.bytes
      }
    }
    const again = await readOrNull(this.pathOf(id))
    if (again) return again
    return this.fromShared(id)
  }

  private async readSealedFile(id: string): Promise<Buffer> {
    return (await readOrNull(this.pathOf(id))) ?? this.fromShared(id)
  }

  /** Another machine's file, from the database; kept here so the next read stays local. */
  private async fromShared(id: string): Promise<Buffer> {
    const remote = await this.shared?.getAttachmentBytes(id)
    if (!remote) throw notFound(id)
    await this.write(this.pathOf(id), () => remote)
    return remote
  }

  /** With the history on PostgreSQL, the bytes (sealed ones sealed) go to the database too. */
  private async share(id: string, bytes: Uint8Array): Promise<void> {
    if (!this.shared) return
    try {
      await this.shared.putAttachmentBytes(id, bytes, isSealedId(id))
    } catch (error) {
      if (error instanceof MirrorError) throw error
      throw new MirrorError(
        'STORAGE_UNAVAILABLE',
        'Could not store the attachment in the database.',
      )
    }
  }

  private async write(target: string, content: () => Uint8Array): Promise<void> {
    if (await exists(target)) return
    await writeOnce(target, content)
  }
}

const exists = (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  )

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch (error) {
    if (errno(error) === 'ENOENT') return null
    throw error
  }
}

export async function removeFile(file: string): Promise<void> {
  await unlink(file).catch((error: unknown) => {
    if (errno(error) !== 'ENOENT') throw error
  })
}

/** Every file in the two-hex-digit shard folders of `dir` (temporary files included). */
export async function shardFiles(dir: string): Promise<string[]> {
  const files: string[] = []
  const shards = await readdir(dir).catch(() => [] as string[])
  for (const shard of shards) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue
    const names = await readdir(path.join(dir, shard)).catch(() => [] as string[])
    files.push(...names.map((n) => path.join(dir, shard, n)))
  }
  return files
}

/** Writes `target` whole or not at all: temp file, fsync, rename. */
export async function writeOnce(target: string, content: () => Uint8Array): Promise<void> {
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
