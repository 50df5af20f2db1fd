import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

export function createAttachmentHandlers(mirror: Mirror): HandlerGroup<'attachments.'> {
  const { attachments } = mirror
  return {
    'attachments.begin': async (input) => attachments.begin(input.name, input.size),
    'attachments.chunk': async (input) =>
      attachments.chunk(input.stagedId, input.index, input.data),
    'attachments.finish': async (input) => attachments.finish(input.stagedId),
    'attachments.discard': async (input) => ({ discarded: attachments.discard(input.stagedId) }),
    'attachments.read': (input) => attachments.readChunk(input.id, input.offset),
    'attachments.pdfText': (input) => attachments.pdfText(input.id),
  }
}
