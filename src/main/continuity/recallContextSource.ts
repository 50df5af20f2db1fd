import type { ContextSourceUse, Session } from '../../shared/domain'
import { onePerSession } from '../../shared/recallUses'
import type {
  ContextContribution,
  ContextDraft,
  ContextSource,
  ContextTurn,
} from '../services/contextSources'
import { CONTEXT_SOURCE_BUDGET_MS } from '../services/contextSources'
import type { Storage } from '../storage/storage'
import { shouldRecallInto, shouldUseVaultMemories } from './memorySettings'
import { recall } from './recall'
import type { RecalledSnippet } from './recall'
import { formatRecallBlock } from './recallPrompt'
import { extractKeywords } from './recallQuery'
import type { RecallSource } from './recallSource'
import type { SemanticRecall } from './semantic/semanticRecall'
import { isTemporarySession } from './temporaryChat'

export interface RecallContextOptions {
  storage: Pick<Storage, 'search' | 'getSession' | 'getMessage'>
  /** Where candidates come from; default: one Storage.search (anyTerms) over `storage`. */
  source?: RecallSource
  limit?: number
  tokenBudget?: number
  /** Vector similarity beside the keywords, when an embedder and vectors are available. */
  semantic?: SemanticRecall
}

/**
 * How long a turn waits for its query's embedding: within the context sources' budget, so the
 * first token never waits for it (over budget, that turn's recall is lexical). A draft being
 * typed waits longer: nobody is waiting yet, and its vector serves the message when it is sent.
 */
export const SEMANTIC_WAIT_MS = Math.floor(CONTEXT_SOURCE_BUDGET_MS / 2)
export const PREPARED_SEMANTIC_WAIT_MS = 2_000

/** The chip a reply shows for a recalled snippet: the source session's title, never the text. */
export function recallUse(snippet: RecalledSnippet): ContextSourceUse {
  return {
    kind: 'recall',
    id: snippet.messageId,
    label: snippet.sessionTitle,
    sessionId: snippet.sessionId,
    messageId: snippet.messageId,
    match: snippet.match,
  }
}

/** Drafts prepared at once, one per session: a few windows, a few sessions each. */
const MAX_PREPARED = 16

interface Prepared {
  /** The keywords searched: a draft and a message with the same keywords recall the same. */
  key: string
  result: Promise<ContextContribution | null>
  done: boolean
}

const keywordKey = (text: string): string =>
  extractKeywords(text)
    .map((k) => k.term)
    .join(' ')

/**
 * "Recall from past sessions" as a ChatService context source: nothing when the session has
 * recall or memory switched off (or is a temporary chat); otherwise the best snippets from other
 * sessions, quoted in the system prompt and reported as `recall` uses for the chips — one per
 * source session (its best snippet), though the prompt may quote two of its messages.
 * A draft being typed is recalled ahead (prepare): when the message sent has the same keywords,
 * its turn takes that answer at once, however long the search took.
 */
export function recallContextSource(options: RecallContextOptions): ContextSource {
  const prepared = new Map<string, Prepared>()

  async function recallFor(
    session: Session,
    text: string,
    waitMs: number,
  ): Promise<ContextContribution | null> {
    if (!shouldRecallInto(session) || isTemporarySession(session)) return null
    const { snippets } = await recall({
      storage: options.storage,
      query: text,
      excludeSessionId: session.id,
      ...(options.source ? { source: options.source } : {}),
      ...(options.semantic ? { semantic: { recall: options.semantic, waitMs } } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.tokenBudget !== undefined ? { tokenBudget: options.tokenBudget } : {}),
    })
    if (snippets.length === 0) return null
    return {
      systemText: formatRecallBlock(snippets),
      used: onePerSession(snippets.map(recallUse)),
    }
  }

  function preparedFor(session: Session, text: string): Prepared | null {
    const entry = prepared.get(session.id)
    return entry && entry.key === keywordKey(text) ? entry : null
  }

  return {
    id: 'recall',
    contribute({ session, userMessage }: ContextTurn): Promise<ContextContribution | null> {
      const entry = preparedFor(session, userMessage.content)
      // Used once: the next message of the session may recall differently (new sessions since).
      prepared.delete(session.id)
      // Recall may have been switched off since the draft was prepared.
      if (!shouldRecallInto(session) || isTemporarySession(session)) return Promise.resolve(null)
      return entry ? entry.result : recallFor(session, userMessage.content, SEMANTIC_WAIT_MS)
    },
    prepare({ session, text }: ContextDraft): void {
      if (preparedFor(session, text)) return
      const entry: Prepared = { key: keywordKey(text), result: Promise.resolve(null), done: false }
      // After the caller's own work (the meter's estimate), not in its way.
      entry.result = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => recallFor(session, text, PREPARED_SEMANTIC_WAIT_MS))
        .catch(() => null)
        .finally(() => (entry.done = true))
      prepared.delete(session.id)
      prepared.set(session.id, entry)
      if (prepared.size > MAX_PREPARED) prepared.delete(prepared.keys().next().value!)
    },
    ready({ session, userMessage }: ContextTurn): boolean {
      return preparedFor(session, userMessage.content)?.done === true
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
    ...(inner.prepare && {
      prepare: (draft: ContextDraft) => {
        if (shouldUseVaultMemories(draft.session)) inner.prepare!(draft)
      },
    }),
    ...(inner.withholds && {
      // Memory switched off here: nothing is withheld, there was nothing to give.
      withholds: (turn: ContextTurn) =>
        shouldUseVaultMemories(turn.session) ? inner.withholds!(turn) : null,
    }),
  }
}
