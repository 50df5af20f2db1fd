import { useEffect, useRef } from 'react'
import { useSearchStore } from '../stores/searchStore'
import { useUiStore } from '../stores/uiStore'

export function SearchBox() {
  const query = useSearchStore((s) => s.query)
  const setQuery = useSearchStore((s) => s.setQuery)
  const focusRequest = useUiStore((s) => s.searchFocusRequest)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (focusRequest === 0) return
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [focusRequest])

  return (
    <div className="search-box">
      <input
        ref={inputRef}
        type="search"
        role="searchbox"
        aria-label="Search sessions"
        placeholder="Search sessions  (Ctrl+K)"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query) {
            event.preventDefault()
            event.stopPropagation()
            setQuery('')
          }
        }}
      />
    </div>
  )
}
