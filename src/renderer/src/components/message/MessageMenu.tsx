import type { KeyboardEvent } from 'react'
import { useEffect, useRef } from 'react'
import type { MessageAction } from './useMessageActions'

export interface MenuPlace {
  x: number
  y: number
}

interface Props {
  actions: MessageAction[]
  place: MenuPlace
  /** `refocus`: give focus back to where it was (Esc, or an action that opens nothing). */
  onClose(refocus: boolean): void
}

/** The message's context menu (right click, Shift+F10, the Menu key): the toolbar's actions. */
export function MessageMenu({ actions, place, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled])')?.focus()
    function onPointer(event: PointerEvent) {
      if (!ref.current?.contains(event.target as Node)) onClose(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [onClose])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])
    const at = items.indexOf(document.activeElement as HTMLElement)
    const focus = (index: number) => items[(index + items.length) % items.length]?.focus()
    if (event.key === 'Escape') {
      // Esc closes the menu only; it must not also stop a streaming reply.
      event.stopPropagation()
      onClose(true)
    } else if (event.key === 'ArrowDown') focus(at + 1)
    else if (event.key === 'ArrowUp') focus(at - 1)
    else if (event.key === 'Home') focus(0)
    else if (event.key === 'End') focus(items.length - 1)
    else if (event.key === 'Tab') onClose(false)
    else return
    event.preventDefault()
  }

  // Kept inside the window: a menu opened near the right or bottom edge opens leftwards/upwards.
  const style = {
    left: Math.max(4, Math.min(place.x, window.innerWidth - 220)),
    top: Math.max(4, Math.min(place.y, window.innerHeight - 40 * actions.length - 16)),
  }
  return (
    <div
      ref={ref}
      role="menu"
      aria-label="Message actions"
      className="menu message-menu"
      style={style}
      onKeyDown={onKeyDown}
    >
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-disabled={action.disabled || undefined}
          className={action.danger ? 'menu-item menu-item-danger' : 'menu-item'}
          onClick={() => {
            if (action.disabled) return
            onClose(!action.opensDialog && action.label !== 'Edit')
            action.run()
          }}
        >
          {action.label}
        </button>
      ))}
    </div>
  )
}
