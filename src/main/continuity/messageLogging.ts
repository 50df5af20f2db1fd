import type { MessageApi } from '../services/contracts'
import { branchedFrom } from '../services/branchCopy'
import type { ContinuityRecorder } from './continuityRecorder'

/**
 * A MessageApi that records each change to a message tree in the continuity log after it
 * succeeded: ids and counts, never text. The new messages themselves are `message.added`
 * entries of the storage decorator; these entries say how they relate (an edit, a regenerated
 * reply) and record what the storage decorator cannot tell apart (delete, undo, switch, branch).
 */
export function withMessageLogging(messages: MessageApi, recorder: ContinuityRecorder): MessageApi {
  return {
    async edit(input, listener) {
      const started = await messages.edit(input, listener)
      const { userMessage } = started
      await recorder.treeChanged('message.edited', userMessage.sessionId, {
        messageId: userMessage.id,
        replacesId: input.messageId,
      })
      return started
    },
    async regenerate(input, listener) {
      const started = await messages.regenerate(input, listener)
      // Logged once the new version is stored; a reply stopped before any text changed nothing.
      const completion = started.completion.then(async (outcome) => {
        if (outcome.message) {
          await recorder.treeChanged('message.regenerated', started.sessionId, {
            messageId: outcome.message.id,
            replacesId: input.messageId,
          })
        }
        return outcome
      })
      return { ...started, completion }
    },
    versions: (messageId) => messages.versions(messageId),
    currentVersion: (messageId) => messages.currentVersion(messageId),
    async switch(messageId) {
      const session = await messages.switch(messageId)
      await recorder.treeChanged('message.switched', session.id, {
        messageId,
        leafId: session.currentLeafId ?? null,
      })
      return session
    },
    async delete(messageId) {
      const deleted = await messages.delete(messageId)
      await recorder.treeChanged('message.deleted', deleted.session.id, {
        messageId,
        removed: deleted.removed,
      })
      return deleted
    },
    async undoDelete(undoToken) {
      const restored = await messages.undoDelete(undoToken)
      await recorder.treeChanged('message.restored', restored.session.id, {
        messageId: restored.messageId,
        restored: restored.restored,
      })
      return restored
    },
    hasUndo: (undoToken) => messages.hasUndo(undoToken),
    async branch(messageId) {
      const session = await messages.branch(messageId)
      const from = branchedFrom(session)
      await recorder.treeChanged('session.branched', session.id, {
        fromSessionId: from?.sessionId ?? session.id,
        fromMessageId: from?.messageId ?? messageId,
        messageCount: session.messageCount,
      })
      return session
    },
  }
}
