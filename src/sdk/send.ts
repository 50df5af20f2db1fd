import type { Mirror } from '../main/mirrorApi'
import { MirrorError } from '../shared/errors'
import type { ErrorInfo } from '../shared/errors'
import { readPreferences } from '../shared/sessionPreferences'
import { DeltaStream } from './deltaStream'
import { stageAttachments } from './sdkAttachments'
import type { Reply, SendInput } from './types'

function toMirrorError(info: ErrorInfo | null): MirrorError | null {
  return info ? new MirrorError(info.code, info.message, info.data) : null
}

/**
 * `mirror.send`: the app's chat.send (the user message stored before this resolves, the reply
 * streamed and stored as it ends), with the session's remembered pattern and uncertainty as
 * defaults, as the app's composer and `amos send` use them.
 */
export async function sendThrough(core: Mirror, input: SendInput): Promise<Reply> {
  const session = await core.sessions.get(input.sessionId)
  const remembered = readPreferences(session)
  const attachments = await stageAttachments(core, input.attachments)
  const deltas = new DeltaStream()
  const started = await core.chat
    .send(
      {
        sessionId: input.sessionId,
        text: input.text,
        pattern: input.pattern ?? remembered.pattern,
        uncertainty: input.uncertainty ?? remembered.uncertainty,
        sensitive: input.sensitive,
        providerId: input.providerId,
        ...(attachments.length > 0 && { attachments }),
        ...(input.withoutImages !== undefined && { withoutImages: input.withoutImages }),
      },
      { delta: ({ text }) => deltas.push(text) },
    )
    .catch((error: unknown) => {
      // Refused before anything was stored (limits, MODEL_NO_VISION, a locked vault).
      for (const id of attachments) core.attachments.discard(id)
      throw error
    })
  // The session's automatic title (after its first reply) is stored before `completion` settles,
  // so a caller that closes the mirror right after does not cut it off.
  const completion = started.completion.then(async (outcome) => {
    deltas.end()
    await started.titled
    return { message: outcome.message, error: toMirrorError(outcome.error) }
  })
  return {
    requestId: started.requestId,
    userMessage: started.userMessage,
    deltas,
    completion,
    cancel: () => core.chat.cancel(started.requestId),
    [Symbol.asyncIterator]: () => deltas[Symbol.asyncIterator](),
  }
}
