import { useEffect, useState } from 'react'
import type { Pattern, UncertaintyLevel } from '../../../../shared/domain'
import type { ContextEstimate } from '../../../../shared/routeGroups/chatContext'
import { request } from '../../bridge/bridgeClient'
import { useInstructionsStore } from '../../stores/instructionsStore'
import { useProvidersStore } from '../../stores/providersStore'
import { useSessionsStore } from '../../stores/sessionsStore'
import { formatTokens } from './tokens'

interface Props {
  sessionId: string
  text: string
  pattern: Pattern
  uncertainty: UncertaintyLevel
  /** The staged files going with the draft. */
  attachments: ReadonlyArray<{ mimeType: string; size: number }>
}

const DEBOUNCE_MS = 250

/** Tokens the next turn would use (system prompt, history that fits, the draft) / the window. */
export function ContextMeter({ sessionId, text, pattern, uncertainty, attachments }: Props) {
  // A string, so a new array with the same files does not ask again.
  const files = JSON.stringify(attachments.map(({ mimeType, size }) => ({ mimeType, size })))
  // A reply that arrived, or another provider for the session, changes the estimate; main
  // resolves the session's provider itself.
  const updatedAt = useSessionsStore((s) => s.byId[sessionId]?.updatedAt)
  const sessionProvider = useSessionsStore((s) => {
    const prefs = s.byId[sessionId]?.metadata['preferences']
    return typeof prefs === 'object' && prefs !== null
      ? String((prefs as Record<string, unknown>)['providerId'] ?? '')
      : ''
  })
  const defaultProvider = useProvidersStore((s) => s.defaultProviderId)
  // Instructions saved in Settings or Session settings change what the next turn sends.
  const globalInstructions = useInstructionsStore((s) => s.globalText)
  const sessionInstructions = useInstructionsStore((s) => s.bySession[sessionId])
  const persona = useSessionsStore((s) => JSON.stringify(s.byId[sessionId]?.metadata['persona']))
  const [estimate, setEstimate] = useState<ContextEstimate | null>(null)

  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      const staged = JSON.parse(files) as Array<{ mimeType: string; size: number }>
      void request('chat.contextEstimate', {
        sessionId,
        text,
        pattern,
        uncertainty,
        ...(staged.length > 0 && { attachments: staged }),
      }).then((result) => {
        if (current && result.ok) setEstimate(result.data)
      })
    }, DEBOUNCE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [
    sessionId,
    text,
    files,
    pattern,
    uncertainty,
    updatedAt,
    sessionProvider,
    defaultProvider,
    globalInstructions,
    sessionInstructions,
    persona,
  ])

  if (!estimate) return null
  const { used, window } = estimate
  const full = used >= window * 0.75
  const title =
    `${used} of ${window} tokens in ${estimate.model}'s context window` +
    (estimate.tokenizer === 'estimate' ? ' (estimated)' : '') +
    (estimate.attachments > 0
      ? `; ${estimate.attachments} attachment${estimate.attachments === 1 ? '' : 's'} included`
      : '') +
    (estimate.truncated ? '; older messages will be left out' : '')
  return (
    <span className={full ? 'context-meter context-meter-full' : 'context-meter'} title={title}>
      <meter aria-label="Context used" min={0} max={window} value={Math.min(used, window)} />
      <span>
        {formatTokens(used)} / {formatTokens(window)} tokens
      </span>
    </span>
  )
}
