import type { KeyboardEvent } from 'react'
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react'

export interface MenuAction {
  label: string
  run(): void
  danger?: boolean
  /** Whether the menu gives focus back to its button after this item (not when it moves it). */
  refocus?: boolean
}

/**
 * A "⋯" button and its menu: arrow keys, Home/End move, Esc closes and refocuses the button,
 * Tab or a click outside closes it.
 */
export function ActionsMenu({ label, items }: { label: string; items: MenuAction[] }) {
  const [open, setOpen] = useState(false)
  const [upward, setUpward] = useState(false)
  const menuId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)

  // Near the bottom of the sidebar the menu opens upwards, so no item is hidden below it.
  useLayoutEffect(() => {
    const menu = menuRef.current
    if (!open || !menu) {
      setUpward(false)
      return
    }
    const box = menu.getBoundingClientRect()
    const scroller = menu.closest('.sidebar-nav')?.getBoundingClientRect()
    const bottom = scroller?.bottom ?? window.innerHeight
    const top = scroller?.top ?? 0
    const anchor = buttonRef.current?.getBoundingClientRect()
    setUpward(box.bottom > bottom && (anchor?.top ?? 0) - box.height >= top)
  }, [open])

  useEffect(() => {
    if (!open) return
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    function onPointer(event: PointerEvent) {
      const target = event.target as Node
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [open])

  function close(refocus: boolean) {
    setOpen(false)
    if (refocus) buttonRef.current?.focus()
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const entries = Array.from(
      menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [],
    )
    const at = entries.indexOf(document.activeElement as HTMLElement)
    const focus = (index: number) => entries[(index + entries.length) % entries.length]?.focus()
    if (event.key === 'Escape') {
      // Esc here closes the menu; it must not also stop a streaming reply.
      event.stopPropagation()
      close(true)
    } else if (event.key === 'ArrowDown') focus(at + 1)
    else if (event.key === 'ArrowUp') focus(at - 1)
    else if (event.key === 'Home') focus(0)
    else if (event.key === 'End') focus(entries.length - 1)
    else if (event.key === 'Tab') close(false)
    else return
    event.preventDefault()
  }

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button session-actions"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        ⋯
      </button>
      {open && (
        <div
          id={menuId}
          ref={menuRef}
          role="menu"
          className={upward ? 'menu menu-up' : 'menu'}
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.danger ? 'menu-item menu-item-danger' : 'menu-item'}
              onClick={() => {
                close(item.refocus ?? true)
                item.run()
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
