import { useRef } from 'react'
import { ICONS } from '../message/icons'
import { attachFiles } from './attachFiles'

/** The paperclip: picks files (several at once) for the next message. */
export function AttachButton({ sessionId, temporary }: { sessionId: string; temporary: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null)
  return (
    <>
      <button
        type="button"
        className="icon-button composer-attach"
        aria-label="Attach files"
        title={temporary ? 'A temporary chat takes no attachments' : 'Attach files'}
        disabled={temporary}
        onClick={() => inputRef.current?.click()}
      >
        {ICONS.attach}
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          attachFiles(sessionId, Array.from(event.target.files ?? []), temporary)
          // The same file can be picked again after it was removed.
          event.target.value = ''
        }}
      />
    </>
  )
}
