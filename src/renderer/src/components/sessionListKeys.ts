import type { KeyboardEvent } from 'react'

const MOVES: Record<string, (at: number, count: number) => number> = {
  ArrowDown: (at, count) => Math.min(at + 1, count - 1),
  ArrowUp: (at) => Math.max(at - 1, 0),
  Home: () => 0,
  End: (_at, count) => count - 1,
}

/** Up/Down (Home/End) move between sessions while one has focus; Enter opens it (it is a link). */
export function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  const move = MOVES[event.key]
  if (!move || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('.session-link'))
  const at = links.indexOf(event.target as HTMLElement)
  // Only from a session's own link: the actions button and the rename field keep their keys.
  if (at < 0) return
  event.preventDefault()
  links[move(at, links.length)]?.focus()
}
