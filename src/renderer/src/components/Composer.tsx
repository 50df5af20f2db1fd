import type { FormEvent, KeyboardEvent } from 'react'
import { useEffect, useId, useRef } from 'react'
import type { Pattern, UncertaintyLevel } from '../../../shared/domain'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../../../shared/patterns'
import { PATTERN_IDS, UNCERTAINTY_IDS, readPreferences } from '../lib/preferences'
import { readyFiles, useAttachmentsStore } from '../stores/attachmentsStore'
import { useChatStore } from '../stores/chatStore'
import { useDraftStore } from '../stores/draftStore'
import { useMemoryStore } from '../stores/memoryStore'
import { useSendQueueStore } from '../stores/sendQueueStore'
import { useShortcutsStore } from '../stores/shortcutsStore'
import { useVaultStore } from '../stores/vaultStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'
import { AttachButton } from './attachments/AttachButton'
import { AttachmentChips } from './attachments/AttachmentChips'
import { composerFileHandlers } from './attachments/attachFiles'
import { NoVisionDialog } from './attachments/NoVisionDialog'
import { ContextMeter } from './context/ContextMeter'
import { QueuedMessages } from './QueuedMessages'
import '../styles/attachments.css'
import '../styles/composer.css'
import { SessionProviderSelect } from './settings/SessionProviderSelect'

export function Composer({ sessionId }: { sessionId: string }) {
  const session = useSessionsStore((s) => s.byId[sessionId])
  const setPreferences = useSessionsStore((s) => s.setPreferences)
  const streaming = useChatStore((s) => Boolean(s.activeBySession[sessionId]))
  const sending = useChatStore((s) => Boolean(s.sending[sessionId]))
  const send = useChatStore((s) => s.send)
  const stop = useChatStore((s) => s.stop)
  const queuedCount = useSendQueueStore((s) => s.bySession[sessionId]?.length ?? 0)
  const enqueue = useSendQueueStore((s) => s.enqueue)
  const ensureVaultUnlocked = useVaultStore((s) => s.ensureUnlocked)
  const temporary = useMemoryStore((s) => s.temporaryIds.includes(sessionId))
  // The draft lives in a store: it outlives this component (switching sessions) and the page.
  const text = useDraftStore((s) => s.drafts[sessionId]?.text ?? '')
  const sensitive = useDraftStore((s) => s.drafts[sessionId]?.sensitive ?? false)
  const setDraft = useDraftStore((s) => s.setText)
  const setSensitive = useDraftStore((s) => s.setSensitive)
  const clearDraft = useDraftStore((s) => s.clear)
  const giveBack = useDraftStore((s) => s.giveBack)
  const focusRequest = useShortcutsStore((s) => s.composerFocusRequest)
  // Nothing would reach the core: say so here rather than let every send fail.
  const coreStopped = useUiStore((s) => s.coreStopped)
  const setStatus = useUiStore((s) => s.setStatus)
  const files = useAttachmentsStore((s) => s.bySession[sessionId])
  const filesSent = useAttachmentsStore((s) => s.sent)
  const visionChoice = useChatStore((s) =>
    s.visionChoice?.sessionId === sessionId ? s.visionChoice : null,
  )
  const dismissVisionChoice = useChatStore((s) => s.dismissVisionChoice)
  const uploading = (files ?? []).some((f) => !f.staged)
  const staged = readyFiles(files)
  const ids = useId()
  const inputRef = useRef<HTMLTextAreaElement>(null)
  const isNew = session?.messageCount === 0
  const preferences = readPreferences(session)
  // While a reply streams (or queued messages wait), what is sent joins the queue.
  const queueing = streaming || sending || queuedCount > 0

  // A session just made is there to be written in: put the caret in the box.
  useEffect(() => {
    if (isNew) inputRef.current?.focus()
    // Only when the composer first appears for this session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // Ctrl/Cmd+L, or a request from the shortcuts sheet.
  useEffect(() => {
    if (focusRequest > 0) inputRef.current?.focus()
  }, [focusRequest])

  async function submit(options: { withoutImages?: boolean } = {}) {
    if ((!text.trim() && staged.length === 0) || uploading || coreStopped) return
    // Sensitive text goes only into the vault: unlock first (the draft stays in the box).
    if (sensitive && !(await ensureVaultUnlocked('Unlock the vault to send a sensitive message.')))
      return
    // Read again: typing (or attaching) may have gone on while the vault was being unlocked.
    const draft = useDraftStore.getState().drafts[sessionId]?.text ?? text
    const going = (useAttachmentsStore.getState().bySession[sessionId] ?? []).filter(
      (f) => f.staged,
    )
    if (!draft.trim() && going.length === 0) return
    const { pattern, uncertainty } = preferences
    const input = {
      text: draft,
      pattern,
      uncertainty,
      sensitive,
      ...(going.length > 0 && { attachments: readyFiles(going).map((f) => f.stagedId) }),
      ...(options.withoutImages && { withoutImages: true }),
    }
    const keys = going.map((f) => f.key)
    clearDraft(sessionId)
    if (queueing) {
      enqueue(sessionId, input)
      filesSent(sessionId, keys)
      setStatus('Message queued: it is sent when the reply ends.')
      return
    }
    // Nothing is lost when sending fails: the text comes back, before anything typed since, and
    // the files stay attached.
    if (await send(sessionId, input)) filesSent(sessionId, keys)
    else giveBack(sessionId, draft, sensitive)
  }

  async function sendWithProvider(providerId: string) {
    dismissVisionChoice()
    await setPreferences(sessionId, { ...preferences, providerId })
    await submit()
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    void submit()
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    void submit()
  }

  const { onPaste, ...dropHandlers } = composerFileHandlers(sessionId, temporary)

  function choose(patch: { pattern?: Pattern; uncertainty?: UncertaintyLevel }) {
    void setPreferences(sessionId, { ...preferences, ...patch })
  }

  return (
    <form
      className="composer"
      onSubmit={onSubmit}
      aria-label="Compose a message"
      data-drop-attach=""
      {...dropHandlers}
    >
      <QueuedMessages
        sessionId={sessionId}
        onCancel={(message) => {
          giveBack(sessionId, message.text, message.sensitive)
          inputRef.current?.focus()
        }}
      />
      <AttachmentChips sessionId={sessionId} />
      <div className="composer-entry">
        <AttachButton sessionId={sessionId} temporary={temporary} />
        <textarea
          ref={inputRef}
          className="composer-input"
          aria-label="Message"
          placeholder="Write to the mirror…  (Enter sends, Shift+Enter adds a line)"
          rows={2}
          value={text}
          onChange={(event) => setDraft(sessionId, event.target.value, { memoryOnly: temporary })}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {streaming && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              // The button disappears with the stream; keep the keyboard where the writing is.
              inputRef.current?.focus()
              void stop(sessionId)
            }}
          >
            Stop
          </button>
        )}
        <button
          type="submit"
          className="button-primary"
          disabled={coreStopped || uploading || (!text.trim() && staged.length === 0)}
          title={queueing ? 'The reply is still arriving: this message waits its turn' : undefined}
          aria-describedby={coreStopped ? `${ids}-core-stopped` : undefined}
        >
          Send
        </button>
      </div>
      <div className="composer-controls">
        <span className="composer-group">
          <label className="composer-field" htmlFor={`${ids}-pattern`}>
            <span className="composer-label">Pattern</span>
            <span className="pattern-glyph" aria-hidden="true">
              {PATTERN_INFO[preferences.pattern].glyph}
            </span>
          </label>
          <select
            id={`${ids}-pattern`}
            value={preferences.pattern}
            onChange={(event) => choose({ pattern: event.target.value as Pattern })}
          >
            {PATTERN_IDS.map((id) => (
              <option key={id} value={id}>
                {PATTERN_INFO[id].label}
              </option>
            ))}
          </select>
        </span>
        <span className="composer-group">
          <label className="composer-field" htmlFor={`${ids}-uncertainty`}>
            <span className="composer-label">Uncertainty</span>
          </label>
          <select
            id={`${ids}-uncertainty`}
            value={preferences.uncertainty}
            onChange={(event) => choose({ uncertainty: event.target.value as UncertaintyLevel })}
          >
            {UNCERTAINTY_IDS.map((id) => (
              <option key={id} value={id}>
                {UNCERTAINTY_LABELS[id]}
              </option>
            ))}
          </select>
        </span>
        <label className="composer-check">
          <input
            type="checkbox"
            checked={sensitive}
            onChange={(event) => setSensitive(sessionId, event.target.checked)}
          />
          Sensitive
        </label>
        <SessionProviderSelect sessionId={sessionId} preferences={preferences} />
        <span className="composer-spacer" />
        <ContextMeter
          sessionId={sessionId}
          text={text}
          pattern={preferences.pattern}
          uncertainty={preferences.uncertainty}
          attachments={staged}
        />
      </div>
      {visionChoice && (
        <NoVisionDialog
          choice={visionChoice}
          onCancel={dismissVisionChoice}
          onWithoutImages={() => {
            dismissVisionChoice()
            void submit({ withoutImages: true })
          }}
          onPick={(providerId) => void sendWithProvider(providerId)}
        />
      )}
      {coreStopped && (
        <p id={`${ids}-core-stopped`} className="composer-note">
          Sending is off: ActiveMirror’s core has stopped. Restart ActiveMirror to send messages
          (copy your draft first if you want to keep it).
        </p>
      )}
    </form>
  )
}
