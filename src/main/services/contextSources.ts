import type { ContextSourceUse, Message, Session } from '../../shared/domain'

export type { ContextSourceUse }

export interface ContextContribution {
  /** Appended to the system prompt, in its own section. */
  systemText: string
  used: ContextSourceUse[]
}

export interface ContextTurn {
  session: Session
  userMessage: Message
}

/**
 * A pluggable addition to a turn's context (vault memories, recall from past sessions). Sources
 * run side by side and their parts join in the order given; one that fails is skipped so a locked
 * vault or a broken index never blocks a reply.
 */
export interface ContextSource {
  readonly id: string
  contribute(turn: ContextTurn): Promise<ContextContribution | null>
}

export interface GatheredContext {
  systemText: string
  used: ContextSourceUse[]
}

export async function gatherContext(
  sources: readonly ContextSource[],
  turn: ContextTurn,
): Promise<GatheredContext> {
  const contributions = await Promise.all(
    sources.map((source) =>
      // A source that cannot contribute now (vault locked, index busy) is left out of this turn.
      Promise.resolve()
        .then(() => source.contribute(turn))
        .catch(() => null),
    ),
  )
  const parts: string[] = []
  const used: ContextSourceUse[] = []
  for (const contribution of contributions) {
    if (!contribution) continue
    if (contribution.systemText.trim()) parts.push(contribution.systemText.trim())
    used.push(...contribution.used)
  }
  return { systemText: parts.join('\n\n'), used }
}
