import { useEffect, useRef, useState } from 'react'

/** Inline name editor (a session's title, a folder's name): Enter saves, Esc cancels, leaving the field saves. */
export function InlineNameField({
  label,
  initial,
  maxLength,
  className = 'rename-field',
  onDone,
}: {
  label: string
  initial: string
  maxLength: number
  className?: string
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
      className={className}
      aria-label={label}
      value={value}
      maxLength={maxLength}
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
