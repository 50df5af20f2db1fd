import type { Message } from '../../../../shared/domain'
import type { MouseEvent } from 'react'
import { useChatStore } from '../../stores/chatStore'
import { ICONS } from './icons'

/** "2 / 3" between Previous and Next: walks a message's versions, and the path below each. */
export function VersionSwitcher({ message }: { message: Message }) {
  const busy = useChatStore((s) =>
    Boolean(s.activeBySession[message.sessionId] || s.sending[message.sessionId]),
  )
  const switchVersion = useChatStore((s) => s.switchVersion)
  const index = message.versionIndex ?? 1
  const count = message.versionCount ?? 1
  if (count < 2) return null

  async function go(event: MouseEvent<HTMLButtonElement>, step: -1 | 1) {
    const label = event.currentTarget.getAttribute('aria-label') ?? ''
    const shown = await switchVersion(message, step)
    if (!shown) return
    // The version shown is another message (another row): keep the keyboard where it was.
    requestAnimationFrame(() => {
      const group = document.querySelector(`[data-message-id="${shown}"] .version-switcher`)
      const same = group?.querySelector<HTMLButtonElement>(`[aria-label="${label}"]:not(:disabled)`)
      ;(same ?? group?.querySelector<HTMLButtonElement>('button:not(:disabled)'))?.focus()
    })
  }
  return (
    <div className="version-switcher" role="group" aria-label="Versions">
      <button
        type="button"
        className="toolbar-button"
        aria-label="Previous version"
        title="Previous version"
        disabled={busy || index <= 1}
        onClick={(event) => void go(event, -1)}
      >
        {ICONS.previous}
      </button>
      <span className="version-count">
        {index} / {count}
      </span>
      <button
        type="button"
        className="toolbar-button"
        aria-label="Next version"
        title="Next version"
        disabled={busy || index >= count}
        onClick={(event) => void go(event, 1)}
      >
        {ICONS.next}
      </button>
    </div>
  )
}
