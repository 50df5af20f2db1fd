import type { ContextSourceUse, Session } from '../../shared/domain'
import type { Memory, MemoryScope } from '../../shared/memory'
import type { VaultEntry } from '../../shared/vault'
import { shouldRecallInto } from '../continuity/memorySettings'
import { isTemporarySession } from '../continuity/temporaryChat'
import { lexicalOrder } from '../continuity/semantic/hybridRank'
import { isLocalChatProvider } from '../llm/localProvider'
import type { ContextContribution, ContextSource, ContextTurn } from '../services/contextSources'
import { readSessionPersona } from '../services/instructions/sessionInstructions'
import { isActive } from './memoryBook'
import type { MemoryBook } from './memoryBook'
import type { MemoryPrivacy } from '../../shared/memory'
import type { MemoryRanker } from './memoryVectors'

/** Keeps many memories from crowding the conversation out of the model's context. */
export const MEMORY_CHAR_BUDGET = 8000

const categoryLabel = (category: string): string =>
  category.charAt(0).toUpperCase() + category.slice(1)

const INTRO =
  'The user keeps these notes in their encrypted vault and chose to share them with you. ' +
  'Use them when they help; do not recite them unprompted.'

/** Whether memories and recall may go to the turn's provider ("Send memories only to local models"). */
export interface MemoryPolicy {
  /** Synchronous: decided before any work, so a withheld source answers at once. */
  allows(turn: ContextTurn): boolean
}

export function localOnlyPolicy(privacy: { current(): MemoryPrivacy }): MemoryPolicy {
  return {
    allows(turn) {
      if (!privacy.current().localOnly) return true
      // A turn that does not say where it goes is treated as going to the cloud.
      return turn.provider !== undefined && isLocalChatProvider(turn.provider)
    },
  }
}

/** The scopes a session's turns get: global, its folder, its persona, itself. */
export function scopeApplies(scope: MemoryScope, session: Session): boolean {
  switch (scope.kind) {
    case 'global':
      return true
    case 'folder':
      return session.folderId === scope.id
    case 'persona':
      return readSessionPersona(session)?.id === scope.id
    case 'session':
      return session.id === scope.id
  }
}

/** The chip a reply shows: never the memory's text (reply metadata is not encrypted). */
export function memoryChip(memory: Memory, entry: VaultEntry): ContextSourceUse {
  const label =
    entry.category === 'memory'
      ? `Memory (${memory.scope.kind})`
      : `${categoryLabel(entry.category)}: ${entry.key}`
  return { kind: 'memory', id: memory.id, label }
}

/** A memory as the system prompt quotes it (and as it is embedded). */
export function memoryLine(memory: Memory, entry: VaultEntry): string {
  return entry.category === 'memory'
    ? `- ${memory.text}`
    : `- [${categoryLabel(entry.category)}] ${entry.key}: ${memory.text}`
}

export interface MemoryContextOptions {
  book: Pick<MemoryBook, 'entries' | 'markUsed'>
  vault: { readonly unlocked: boolean }
  policy: MemoryPolicy
  clock: { now(): Date }
  budget?: number
  /** Orders memories by keywords and meaning when they do not all fit; default keywords only. */
  ranker?: MemoryRanker
}

/**
 * Memories into a turn's system prompt: those whose scope applies
 * to the session and whose entry is marked "Use in conversations", most recently updated first
 * until the budget is spent (when they do not all fit, those sharing keywords with the user's
 * message go first, or those close in meaning with an embedder: MemoryVectors). Each one given to the model gets its lastUsedAt. Nothing while the
 * vault is locked; withheld (only reported) when the policy keeps memories from the provider.
 */
export function memoryContextSource(options: MemoryContextOptions): ContextSource {
  const budget = options.budget ?? MEMORY_CHAR_BUDGET
  return {
    id: 'vault-memories',
    withholds(turn) {
      if (options.policy.allows(turn)) return null
      return options.vault.unlocked && !isTemporarySession(turn.session) ? 'memories' : null
    },
    prepare(draft) {
      if (!options.vault.unlocked || isTemporarySession(draft.session)) return
      options.ranker?.prepare?.(draft.text)
    },
    async contribute(turn: ContextTurn): Promise<ContextContribution | null> {
      // Temporary chats neither read nor write memory (docs/memory.md).
      if (!options.vault.unlocked || isTemporarySession(turn.session)) return null
      // Not even read: the vault is not decrypted for a turn that may not have them.
      if (!options.policy.allows(turn)) return null
      const chosen = (await options.book.entries()).filter(
        (e) => isActive(e.entry) && scopeApplies(e.memory.scope, turn.session),
      )
      if (chosen.length === 0) return null
      const texts = chosen.map((c) => memoryLine(c.memory, c.entry))
      // More than fits: those about what the user just said go first, then the newest.
      const query = turn.userMessage.content
      const over = texts.join('\n').length > budget
      const first = !over
        ? []
        : options.ranker
          ? await options.ranker.order(texts, query)
          : lexicalOrder(texts, query)
      const order = [...first, ...chosen.keys()].filter((i, at, all) => all.indexOf(i) === at)
      const lines: string[] = []
      const used: ContextSourceUse[] = []
      const given: VaultEntry[] = []
      let size = 0
      for (const index of order) {
        const { memory, entry } = chosen[index]!
        const text = texts[index]!
        if (size + text.length > budget) continue
        size += text.length
        lines.push(text)
        used.push(memoryChip(memory, entry))
        given.push(entry)
      }
      if (lines.length === 0) return null
      // After the request has what it needs; a failure only loses the "last used" time.
      void options.book.markUsed(given, options.clock.now()).catch(() => undefined)
      return { systemText: `${INTRO}\n${lines.join('\n')}`, used }
    },
  }
}

/**
 * Recall kept from providers the policy does not allow: past sessions are not even searched
 * for such a turn; "What the model saw" says recall was withheld when it was on for the session.
 */
export function localOnlyRecall(inner: ContextSource, policy: MemoryPolicy): ContextSource {
  return {
    id: inner.id,
    withholds(turn) {
      if (policy.allows(turn)) return null
      return shouldRecallInto(turn.session) && !isTemporarySession(turn.session) ? 'recall' : null
    },
    async contribute(turn) {
      // withholds() keeps such a turn from running this; a direct call gets nothing either.
      return policy.allows(turn) ? inner.contribute(turn) : null
    },
    ...(inner.prepare && { prepare: (draft) => inner.prepare!(draft) }),
    ...(inner.ready && { ready: (turn) => inner.ready!(turn) }),
  }
}
