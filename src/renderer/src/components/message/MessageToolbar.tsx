import type { KeyboardEvent } from 'react'
import { useRef, useState } from 'react'
import { ICONS } from './icons'
import type { MessageAction } from './useMessageActions'

/**
 * The actions of one message as icon buttons. One tab stop per toolbar (arrow keys move inside),
 * so tabbing through a long conversation does not stop on every button of every message.
 */
export function MessageToolbar({ actions }: { actions: MessageAction[] }) {
  const [current, setCurrent] = useState(0)
  const ref = useRef<HTMLDivElement>(null)
  const active = Math.min(current, actions.length - 1)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const buttons = Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (at < 0) return
    const next =
      event.key === 'ArrowRight'
        ? (at + 1) % buttons.length
        : event.key === 'ArrowLeft'
          ? (at - 1 + buttons.length) % buttons.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : null
    if (next === null) return
    event.preventDefault()
    setCurrent(next)
    buttons[next]?.focus()
  }

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Message actions"
      className="message-toolbar"
      onKeyDown={onKeyDown}
    >
      {actions.map((action, index) => (
        <button
          key={action.label}
          type="button"
          className={action.danger ? 'toolbar-button toolbar-button-danger' : 'toolbar-button'}
          aria-label={action.label}
          title={action.label}
          aria-haspopup={action.opensDialog ? 'dialog' : undefined}
          // Disabled buttons stay focusable (aria-disabled), so the arrow keys never skip one.
          aria-disabled={action.disabled || undefined}
          tabIndex={index === active ? 0 : -1}
          onFocus={() => setCurrent(index)}
          onClick={() => {
            if (!action.disabled) action.run()
          }}
        >
          {ICONS[action.icon]}
        </button>
      ))}
    </div>
  )
}
