import type { KeyboardEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'

/**
 * A button that opens a role="menu": the first item takes focus, arrows/Home/End move, Esc
 * closes (and returns focus to the button), Tab or a click outside closes.
 */
export function useMenu() {
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)

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
      // Esc closes the menu only; it must not also stop a streaming reply.
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

  const buttonProps = {
    ref: buttonRef,
    'aria-haspopup': 'menu' as const,
    'aria-expanded': open,
    'aria-controls': open ? menuId : undefined,
    onClick: () => setOpen((value) => !value),
  }
  const menuProps = { id: menuId, ref: menuRef, role: 'menu', onKeyDown: onMenuKey }
  return { open, close, buttonProps, menuProps }
}
