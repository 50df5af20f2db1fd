import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { Mirror } from '../main/mirrorApi'
import { MirrorError } from '../shared/errors'
import type { AttachmentInput, AttachmentsApi } from './types'

const AttachmentInputSchema = z.union([
  z.object({ path: z.string().min(1), name: z.string().min(1).max(255).optional() }).strict(),
  z.object({ name: z.string().min(1).max(255), data: z.instanceof(Uint8Array) }).strict(),
])

function checkInputs(inputs: unknown): AttachmentInput[] {
  const parsed = z.array(AttachmentInputSchema).safeParse(inputs)
  if (parsed.success) return parsed.data
  throw new MirrorError(
    'VALIDATION_FAILED',
    'attachments takes an array of { path, name? } or { name, data: Uint8Array }.',
  )
}

/**
 * Stages the files of a send (checked by content and size, nothing stored yet) and returns their
 * staged ids; a refused file drops the ones staged before it. A path is size-checked before it
 * is read, so a huge file is refused without loading it.
 */
export async function stageAttachments(core: Mirror, inputs: unknown): Promise<string[]> {
  if (inputs === undefined) return []
  const staged: string[] = []
  try {
    for (const input of checkInputs(inputs)) {
      if ('data' in input) {
        staged.push(core.attachments.stage(input.name, input.data).stagedId)
        continue
      }
      const name = input.name ?? path.basename(input.path)
      const info = await stat(input.path).catch(() => null)
      if (!info?.isFile()) throw new MirrorError('NOT_FOUND', `No such file: ${input.path}`)
      core.attachments.checkSize(name, info.size)
      staged.push(core.attachments.stage(name, await readFile(input.path)).stagedId)
    }
  } catch (error) {
    for (const id of staged) core.attachments.discard(id)
    throw error
  }
  return staged
}

export function attachmentsApi(core: Mirror): AttachmentsApi {
  return {
    read: (id) => core.attachments.read(id),
    pdfText: async (id) => (await core.attachments.pdfText(id)).text,
  }
}
