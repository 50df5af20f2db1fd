import type { ContextSourceUse } from '../../shared/domain'
import { onePerSession } from '../../shared/recallUses'
import type { ContextContribution, ContextSource, ContextTurn } from '../services/contextSources'
import type { Storage } from '../storage/storage'
import { shouldRecallInto, shouldUseVaultMemories } from './memorySettings'
import { recall } from './recall'
import type { RecalledSnippet } from './recall'
import { formatRecallBlock } from './recallPrompt'
import type { RecallSource } from './recallSource'
import { isTemporarySession } from './temporaryChat'

export interface RecallContextOptions {
  storage: Pick<Storage, 'search' | 'getSession' | 'getMessage'>
  /** Where candidates come from; default: one Storage.search (anyTerms) over `storage`. */
  source?: RecallSource
  limit?: number
  tokenBudget?: number
}

/** The chip a reply shows for a recalled snippet: the source session's title, never the text. */
export function recallUse(snippet: RecalledSnippet): ContextSourceUse {
  return {
    kind: 'recall',
    id: snippet.messageId,
    label: snippet.sessionTitle,
    sessionId: snippet.sessionId,
    messageId: snippet.messageId,
  }
}

/**
 * "Recall from past sessions" as a ChatService context source: nothing when the session has
 * recall or memory switched off (or is a temporary chat); otherwise the best snippets from other
 * sessions, quoted in the system prompt and reported as `recall` uses for the chips — one per
 * source session (its best snippet), though the prompt may quote two of its messages.
 */
export function recallContextSource(options: RecallContextOptions): ContextSource {
  return {
    id: 'recall',
    async contribute({ session, userMessage }: ContextTurn): Promise<ContextContribution | null> {
      if (!shouldRecallInto(session) || isTemporarySession(session)) return null
      const { snippets } = await recall({
        storage: options.storage,
        query: userMessage.content,
        excludeSessionId: session.id,
        ...(options.source ? { source: options.source } : {}),
        ...(options.limit !== undefined ? { limit: options.limit } : {}),
        ...(options.tokenBudget !== undefined ? { tokenBudget: options.tokenBudget } : {}),
      })
      if (snippets.length === 0) return null
      return {
        systemText: formatRecallBlock(snippets),
        used: onePerSession(snippets.map(recallUse)),
      }
    },
  }
}

/**
 * Wraps a memory source (vault memories) so "Don't use memory here" and temporary chats switch
 * it off per session, without the source knowing about sessions.
 */
export function gatedByMemorySettings(inner: ContextSource): ContextSource {
  return {
    id: inner.id,
    async contribute(turn: ContextTurn): Promise<ContextContribution | null> {
      if (!shouldUseVaultMemories(turn.session)) return null
      return inner.contribute(turn)
    },
  }
}
