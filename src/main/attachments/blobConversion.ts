import { createHash } from 'node:crypto'
import { open, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { AttachmentIdSchema, isSealedId } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'
import { BlobStore, isAtRestName, removeFile, shardFiles, writeOnce } from './blobStore'
import type { AtRestCipher } from './blobStore'

/** Test hook: called after each file's new copy is durable and after its old one is gone. */
export type BlobConvertStep = 'written' | 'removed'

export interface BlobConvertOptions {
  onStep?: (step: BlobConvertStep, id: string) => void
}

/** fsync of the shard folder, so a rename or unlink is on disk before the next step. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Temporary files of writes a kill interrupted. A plain write's may hold plaintext: they go.
 * Conversions run with every history database closed and no other process on them
 * (convertFile's exclusive lock), so no write is under way.
 */
async function removeLeftovers(files: readonly string[]): Promise<string[]> {
  const kept: string[] = []
  for (const file of files) {
    if (file.endsWith('.tmp')) await rm(file, { force: true })
    else kept.push(file)
  }
  return kept
}

/** Writes `target` durably, then removes `file`: at every moment one whole copy is on disk. */
async function replaceFile(
  file: string,
  target: string,
  content: Uint8Array,
  options: BlobConvertOptions & { id: string },
): Promise<void> {
  await writeOnce(target, () => content)
  await syncDir(path.dirname(target))
  options.onStep?.('written', options.id)
  await removeFile(file)
  await syncDir(path.dirname(file))
  options.onStep?.('removed', options.id)
}

/**
 * Encrypts every plain-id attachment file in place ("Encrypt all history" turned on): each file
 * is written encrypted under its keyed name (temp file, fsync, rename, folder fsync) before the
 * plain one is removed, so a kill at any moment leaves at least one whole copy, which the blob
 * store reads; running it again finishes the job. Sealed (sensitive) files stay as they are.
 */
export async function encryptAttachmentFiles(
  dir: string,
  cipher: AtRestCipher,
  options: BlobConvertOptions = {},
): Promise<number> {
  const store = new BlobStore(dir, () => cipher)
  let converted = 0
  for (const file of await removeLeftovers(await shardFiles(dir))) {
    const id = path.basename(file)
    if (!AttachmentIdSchema.safeParse(id).success || isSealedId(id)) continue
    const bytes = await readFile(file)
    if (createHash('sha256').update(bytes).digest('hex') !== id) {
      throw new MirrorError(
        'STORAGE_CORRUPT',
        `The attachment file ${id} does not hold the bytes its name says; nothing more was converted.`,
        { file },
      )
    }
    await replaceFile(file, store.atRestPathOf(cipher.nameOf(id)), cipher.seal(id, bytes), {
      id,
      ...options,
    })
    converted++
  }
  return converted
}

/**
 * Decrypts every encrypted attachment file back to its plain id ("Encrypt all history" turned
 * off), with the same order of steps: the plain copy is durable before the encrypted one goes.
 * Must finish before the database key is dropped: without it these files cannot be read.
 */
export async function decryptAttachmentFiles(
  dir: string,
  cipher: AtRestCipher,
  options: BlobConvertOptions = {},
): Promise<number> {
  const store = new BlobStore(dir)
  let converted = 0
  for (const file of await removeLeftovers(await shardFiles(dir))) {
    const name = path.basename(file)
    if (!isAtRestName(name)) continue
    const { id, bytes } = cipher.open(name, await readFile(file))
    if (createHash('sha256').update(bytes).digest('hex') !== id) {
      throw new MirrorError('STORAGE_CORRUPT', `The attachment file ${name} is damaged.`, { file })
    }
    await replaceFile(file, store.pathOf(id), bytes, { id, ...options })
    converted++
  }
  return converted
}

/** How many attachment files of plain ids are stored unencrypted (status: all encrypted?). */
export async function countPlainAttachmentFiles(dir: string): Promise<number> {
  const files = await shardFiles(dir)
  return files.filter((file) => {
    const name = path.basename(file)
    return AttachmentIdSchema.safeParse(name).success && !isSealedId(name)
  }).length
}
