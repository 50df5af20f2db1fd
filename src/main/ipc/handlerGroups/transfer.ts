import { MirrorError } from '../../../shared/errors'
import type { RouteOutput, RouteParsedInput } from '../../../shared/routes'
import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'
import type { RequestContext } from '../requestContext'

export function createTransferHandlers(mirror: Mirror): HandlerGroup<'import.'> {
  return {
    'import.files': (input) => mirror.transfer.importFiles(input.files),
    'import.begin': (input) => mirror.transfer.beginUpload(input.name, input.size),
    'import.chunk': (input) => mirror.transfer.uploadChunk(input.uploadId, input.index, input.data),
    'import.commit': async ({ uploadId }, ctx) => {
      // Progress and the report go to the window that committed, after this reply.
      await mirror.transfer.commitUpload(uploadId, {
        progress: (progress) => ctx.emit('import.progress', { uploadId, ...progress }),
        done: (report) => ctx.emit('import.done', { uploadId, report }),
      })
      return { uploadId }
    },
    'import.cancel': async ({ uploadId }) => ({
      cancelled: await mirror.transfer.cancelUpload(uploadId),
    }),
  }
}

/** Browser mode has no native drag: NOT_SUPPORTED tells the renderer to download instead. */
export async function startSessionDrag(
  mirror: Mirror,
  input: RouteParsedInput<'sessions.startDrag'>,
  ctx: RequestContext,
): Promise<RouteOutput<'sessions.startDrag'>> {
  if (!ctx.startDrag) {
    throw new MirrorError('NOT_SUPPORTED', 'Dragging a file out works in the desktop app only.')
  }
  const { file, fileName } = await mirror.transfer.writeDragFile(input.id, input.format)
  ctx.startDrag(file)
  return { fileName }
}
