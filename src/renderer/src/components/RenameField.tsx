import { useEffect, useRef, useState } from 'react'
import { useSessionsStore } from '../stores/sessionsStore'

/** Inline title editor: Enter saves, Esc cancels, leaving the field saves. */
export function RenameField({ sessionId, title }: { sessionId: string; title: string }) {
  const rename = useSessionsStore((s) => s.rename)
  const startRename = useSessionsStore((s) => s.startRename)
  const [value, setValue] = useState(title)
  const inputRef = useRef<HTMLInputElement>(null)
  const doneRef = useRef(false)

  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [])

  function finish(save: boolean) {
    if (doneRef.current) return
    doneRef.current = true
    if (save) void rename(sessionId, value)
    else startRename(null)
  }

  return (
    <input
      ref={inputRef}
      className="rename-field"
      aria-label="Session title"
      value={value}
      maxLength={200}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault()
          finish(true)
        } else if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          finish(false)
        }
      }}
    />
  )
}
