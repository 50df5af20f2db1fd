import type { ContextSourceUse, Message, Session, SkippedContextSource } from '../../shared/domain'
import type { ChatProvider } from '../llm/provider'

export type { ContextSourceUse, SkippedContextSource }

/**
 * How long a turn's request may wait for its context sources, counted from the turn's start
 * (docs/continuity.md "Recall never delays the reply"). A source still running then is left
 * out of that turn: the first token never waits for history.
 */
export const CONTEXT_SOURCE_BUDGET_MS = 8

export interface ContextContribution {
  /** Appended to the system prompt, in its own section. */
  systemText: string
  used: ContextSourceUse[]
}

/** What a source may keep from a provider that is not local (docs/memory.md). */
export type WithheldKind = 'memories' | 'recall'

export interface ContextTurn {
  session: Session
  userMessage: Message
  /** The provider the turn goes to (whether it is a local model decides what may be sent). */
  provider?: Pick<ChatProvider, 'id' | 'kind' | 'baseUrl'>
}

/**
 * A pluggable addition to a turn's context (vault memories, recall from past sessions). Sources
 * run side by side and their parts join in the order given; one that fails is skipped so a locked
 * vault or a broken index never blocks a reply, and so is one that misses the time budget.
 */
export interface ContextSource {
  readonly id: string
  contribute(turn: ContextTurn): Promise<ContextContribution | null>
  /**
   * A hint that `text` may soon be sent in `session` (the composer's draft): do the work now,
   * so the turn finds it done. Never throws.
   */
  prepare?(draft: ContextDraft): void
  /**
   * What this source keeps from the turn's provider ("Send memories only to local models"),
   * decided synchronously before anything runs: such a source is not run for the turn, and
   * the kind is reported as withheld whatever the time budget.
   */
  withholds?(turn: ContextTurn): WithheldKind | null
  /** Whether `turn`'s contribution is already at hand (prepared), so it cannot be late. */
  ready?(turn: ContextTurn): boolean
}

export interface ContextDraft {
  session: Session
  text: string
}

export interface GatheredContext {
  systemText: string
  used: ContextSourceUse[]
  /** Sources left out of this turn because they were late (shown in "What the model saw"). */
  skipped: SkippedContextSource[]
}

const LATE: unique symbol = Symbol('late')

/**
 * Every source's contribution that is ready by `deadline`; the others are reported in
 * `skipped` and left to finish on their own (their result, or failure, is dropped).
 */
export async function gatherContext(
  sources: readonly ContextSource[],
  turn: ContextTurn,
  deadline: Promise<void> = new Promise<void>(() => undefined),
): Promise<GatheredContext> {
  const late = deadline.then((): typeof LATE => LATE)
  const contributions = await Promise.all(
    sources.map((source) =>
      Promise.race([
        // A source that cannot contribute now (vault locked, index busy) is left out of this turn.
        Promise.resolve()
          .then(() => source.contribute(turn))
          .catch(() => null),
        late,
      ]),
    ),
  )
  const parts: string[] = []
  const used: ContextSourceUse[] = []
  const skipped: SkippedContextSource[] = []
  for (const [i, contribution] of contributions.entries()) {
    if (contribution === LATE) {
      skipped.push({ id: sources[i]!.id, reason: 'slow' })
      continue
    }
    if (!contribution) continue
    if (contribution.systemText.trim()) parts.push(contribution.systemText.trim())
    used.push(...contribution.used)
  }
  return { systemText: parts.join('\n\n'), used, skipped }
}
