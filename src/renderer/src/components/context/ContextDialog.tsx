import type { AttachmentUse } from '../../../../shared/attachments'
import type { ContextSourceUse, RecallMatch } from '../../../../shared/domain'
import { formatBytes } from '../../../../shared/formatBytes'
import type { ContextView } from '../../../../shared/routeGroups/chatContext'
import { ROLE_NAMES } from '../../lib/roles'
import { useContextStore } from '../../stores/contextStore'
import { CloseDialog } from '../CloseDialog'
import { formatTokens } from './tokens'
import { WithheldNote } from './WithheldNote'

const PART_NAMES = {
  global: () => 'Instructions (Settings)',
  persona: (label: string) => `Persona: ${label}`,
  session: () => 'Session instructions',
} as const

/** Which instructions the reply was given; their text is in the system prompt below. */
function InstructionsGiven({ applied }: { applied: NonNullable<ContextView['instructions']> }) {
  return (
    <>
      <h3>Instructions</h3>
      <p className="context-instructions">
        {applied.parts.length === 0
          ? 'None: the session instructions replaced the others and were empty.'
          : applied.parts.map((p) => PART_NAMES[p.kind](p.label)).join(' · ')}
        {applied.replaced && applied.parts.length > 0 && ' (replacing the global instructions)'}
      </p>
    </>
  )
}

/** What the dialog says about a context source that was late for the reply. */
const SKIPPED_TEXT: Record<string, string> = {
  recall: 'Recall took too long and was skipped.',
  'vault-memories': 'Memories took too long and were skipped.',
}

function skippedText(id: string): string {
  return SKIPPED_TEXT[id] ?? 'A context source took too long and was skipped.'
}

/** How recall found a snippet; replies stored before this was recorded say nothing. */
const FOUND_BY: Record<RecallMatch, string> = {
  keywords: 'found by keywords',
  meaning: 'found by meaning',
  both: 'found by keywords and meaning',
}

function sourceLine(s: ContextSourceUse): string {
  if (s.kind === 'memory') return `Memory: ${s.label}`
  return `Recalled: ${s.label}${s.match ? ` (${FOUND_BY[s.match]})` : ''}`
}

const SENT_AS: Record<AttachmentUse['as'], string> = {
  native: 'sent as the file itself',
  text: 'sent as text',
  named: 'named only (name and size)',
  omitted: 'left out',
}

const OMITTED_BECAUSE: Record<NonNullable<AttachmentUse['reason']>, string> = {
  withoutImages: 'you chose to send without images',
  noVision: 'this model cannot see images',
  unreadable: 'it could not be read (deleted, damaged, or the vault was locked)',
}

function attachmentLine(a: AttachmentUse): string {
  const how = a.reason ? `${SENT_AS[a.as]}: ${OMITTED_BECAUSE[a.reason]}` : SENT_AS[a.as]
  return `${a.name} (${formatBytes(a.size)}): ${how}`
}

function ContextBody({ view }: { view: ContextView }) {
  return (
    <>
      <p>
        {view.provider ?? 'Unknown provider'}
        {view.model ? ` · ${view.model}` : ''}
        {view.tokens &&
          ` · ${formatTokens(view.tokens.used)} of ${formatTokens(view.tokens.window)} tokens`}
        {view.tokenizer === 'estimate' && ' (estimated: this model has no published tokenizer)'}
      </p>
      {!view.recorded && (
        <p>
          This reply was stored before ActiveMirror recorded its context; only the prompt is shown.
        </p>
      )}
      {view.truncated && (
        <p>Older messages were left out to fit the model&apos;s context window.</p>
      )}
      {view.instructions && <InstructionsGiven applied={view.instructions} />}
      <h3>System prompt</h3>
      <pre>{view.systemPrompt}</pre>
      {view.sources.length > 0 && (
        <>
          <h3>Also given</h3>
          <ul>
            {view.sources.map((s) => (
              <li key={`${s.kind}:${s.id}`}>{sourceLine(s)}</li>
            ))}
          </ul>
        </>
      )}
      <WithheldNote withheld={view.withheld} />
      {(view.skipped ?? []).map((s) => (
        <p key={`skipped:${s.id}`}>{skippedText(s.id)}</p>
      ))}
      {view.attachments.length > 0 && (
        <>
          <h3>Attachments ({view.attachments.length})</h3>
          <ul>
            {view.attachments.map((a, i) => (
              <li key={`${a.messageId}:${a.id}:${i}`}>{attachmentLine(a)}</li>
            ))}
          </ul>
        </>
      )}
      <h3>Messages ({view.messages.length})</h3>
      <ol>
        {view.messages.map((m) => (
          <li key={m.id}>
            <strong>{ROLE_NAMES[m.role]}:</strong>{' '}
            {m.missing ? <em>no longer available</em> : m.excerpt}
          </li>
        ))}
      </ol>
    </>
  )
}

/** "What the model saw" for one reply, rebuilt by main from what the reply recorded. */
export function ContextDialog() {
  const target = useContextStore((s) => s.target)
  const view = useContextStore((s) => s.view)
  const error = useContextStore((s) => s.error)
  const close = useContextStore((s) => s.close)

  if (!target) return null
  return (
    <CloseDialog title="What the model saw" className="context-dialog" onClose={close}>
      {error && <p role="alert">{error.message}</p>}
      {!error && !view && <p>Loading…</p>}
      {view && <ContextBody view={view} />}
    </CloseDialog>
  )
}
