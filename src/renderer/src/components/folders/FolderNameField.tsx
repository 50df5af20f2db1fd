import { useEffect, useRef, useState } from 'react'

/** Inline folder name editor: Enter saves, Esc cancels, leaving the field saves. */
export function FolderNameField({
  initial,
  onDone,
}: {
  initial: string
  /** The name typed, or null when cancelled. */
  onDone(name: string | null): void
}) {
  const [value, setValue] = useState(initial)
  const inputRef = useRef<HTMLInputElement>(null)
  const doneRef = useRef(false)

  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [])

  function finish(save: boolean) {
    if (doneRef.current) return
    doneRef.current = true
    onDone(save ? value : null)
  }

  return (
    <input
      ref={inputRef}
      className="rename-field folder-name-field"
      aria-label="Folder name"
      value={value}
      maxLength={100}
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
