import type { KeyboardEvent } from 'react'
import { useEffect, useId, useRef, useState } from 'react'
import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'

interface Item {
  label: string
  run(): void
}

export function SessionActionsMenu({ sessionId }: { sessionId: string }) {
  const archived = useSessionsStore((s) => s.byId[sessionId]?.archived ?? false)
  const startRename = useSessionsStore((s) => s.startRename)
  const regenerateTitle = useSessionsStore((s) => s.regenerateTitle)
  const hasMessages = useSessionsStore((s) => (s.byId[sessionId]?.messageCount ?? 0) > 0)
  const archive = useSessionsStore((s) => s.archive)
  const unarchive = useSessionsStore((s) => s.unarchive)
  const exportSession = useSessionsStore((s) => s.exportSession)
  const askDelete = useUiStore((s) => s.askDelete)
  const [open, setOpen] = useState(false)
  const menuId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)

  const items: Item[] = [
    { label: 'Rename', run: () => startRename(sessionId) },
    ...(hasMessages
      ? [{ label: 'Regenerate title', run: () => void regenerateTitle(sessionId) }]
      : []),
    archived
      ? { label: 'Unarchive', run: () => void unarchive(sessionId) }
      : { label: 'Archive', run: () => void archive(sessionId) },
    { label: 'Export as JSON', run: () => void exportSession(sessionId, 'json') },
    { label: 'Export as Markdown', run: () => void exportSession(sessionId, 'markdown') },
    { label: 'Delete', run: () => askDelete(sessionId) },
  ]

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
        aria-label="Session actions"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        ⋯
      </button>
      {open && (
        <div id={menuId} ref={menuRef} role="menu" className="menu" onKeyDown={onMenuKey}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.label === 'Delete' ? 'menu-item menu-item-danger' : 'menu-item'}
              onClick={() => {
                // Rename puts focus into the title field, so the menu must not take it back.
                close(item.label !== 'Rename' && item.label !== 'Delete')
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
