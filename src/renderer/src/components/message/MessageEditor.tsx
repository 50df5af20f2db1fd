import type { FormEvent, KeyboardEvent } from 'react'
import { useEffect, useRef, useState } from 'react'
import type { Message } from '../../../../shared/domain'
import { useChatStore } from '../../stores/chatStore'
import { useVaultStore } from '../../stores/vaultStore'

/**
 * A user message edited in place. "Save and send" adds a new version with a new reply below it;
 * "Cancel" (or Esc) leaves everything as it was.
 */
export function MessageEditor({ message, onDone }: { message: Message; onDone(): void }) {
  const edit = useChatStore((s) => s.edit)
  const startEdit = useChatStore((s) => s.startEdit)
  const busy = useChatStore((s) =>
    Boolean(s.activeBySession[message.sessionId] || s.sending[message.sessionId]),
  )
  const ensureUnlocked = useVaultStore((s) => s.ensureUnlocked)
  const [text, setText] = useState(message.content)
  const ref = useRef<HTMLTextAreaElement>(null)

  useEffect(() => {
    const box = ref.current
    box?.focus()
    box?.setSelectionRange(box.value.length, box.value.length)
  }, [])

  function cancel() {
    startEdit(null)
    onDone()
  }

  async function save(event?: FormEvent) {
    event?.preventDefault()
    if (!text.trim() || busy) return
    // The new version of a sensitive message is sealed in the vault too (the draft stays here).
    if (
      message.sensitive &&
      !(await ensureUnlocked('Unlock the vault to edit a sensitive message.'))
    )
      return
    if (await edit(message, text)) onDone()
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      cancel()
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void save(event)
  }

  return (
    <form className="message-editor" onSubmit={(event) => void save(event)}>
      <textarea
        ref={ref}
        aria-label="Edit message"
        value={text}
        rows={Math.min(12, Math.max(3, text.split('\n').length + 1))}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="message-editor-actions">
        <button type="button" className="button-secondary" onClick={cancel}>
          Cancel
        </button>
        <button type="submit" disabled={!text.trim() || busy}>
          Save and send
        </button>
      </div>
    </form>
  )
}
