import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { StorageKind } from '../../../src/main/storage/storage'
import { continuityMirror } from '../continuity/helpers/mirror'
import type { TempMirror } from '../helpers/tempMirror'

/** A real mirror (keys in memory, minimum vault KDF) on a temp data dir. */
export function attachmentMirror(storage: StorageKind = 'sqlite'): Promise<TempMirror> {
  return continuityMirror(storage)
}

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex')

/** Every file under `dir` (recursively), relative paths. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

/** The attachment files of a SQLite mirror's data dir. */
export const blobFiles = (dir: string): string[] => filesUnder(path.join(dir, 'attachments'))

export function stage(mirror: Mirror, name: string, bytes: Uint8Array): string {
  return mirror.attachments.stage(name, bytes).stagedId
}

/** Sends `text` with the files (name → bytes) and waits for the reply; the stored user message. */
export async function sendFiles(
  mirror: Mirror,
  sessionId: string,
  text: string,
  files: Record<string, Uint8Array>,
  options: { sensitive?: boolean } = {},
) {
  const sent = await mirror.chat.send({
    sessionId,
    text,
    pattern: 'analytical',
    uncertainty: 'none',
    ...options,
    attachments: Object.entries(files).map(([name, bytes]) => stage(mirror, name, bytes)),
  })
  const outcome = await sent.completion
  if (outcome.error) throw new Error(`the reply failed: ${outcome.error.message}`)
  return sent.userMessage
}
