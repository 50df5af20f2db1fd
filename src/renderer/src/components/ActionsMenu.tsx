import { useLayoutEffect } from 'react'
import { useMenu } from '../hooks/useMenu'

export interface MenuAction {
  label: string
  run(): void
  danger?: boolean
  /** Whether the menu gives focus back to its button after this item (not when it moves it). */
  refocus?: boolean
}

/** A "⋯" button and its menu of actions (keys as useMenu); opens upwards near the sidebar's end. */
export function ActionsMenu({ label, items }: { label: string; items: MenuAction[] }) {
  const { open, close, buttonProps, menuProps } = useMenu()

  // Near the bottom of the sidebar the menu opens upwards, so no item is hidden below it.
  useLayoutEffect(() => {
    const menu = menuProps.ref.current
    if (!open || !menu) return
    const box = menu.getBoundingClientRect()
    const scroller = menu.closest('.sidebar-nav')?.getBoundingClientRect()
    const bottom = scroller?.bottom ?? window.innerHeight
    const top = scroller?.top ?? 0
    const anchor = buttonProps.ref.current?.getBoundingClientRect()
    menu.classList.toggle('menu-up', box.bottom > bottom && (anchor?.top ?? 0) - box.height >= top)
  }, [open, menuProps.ref, buttonProps.ref])

  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="icon-button session-actions"
        aria-label={label}
        {...buttonProps}
      >
        ⋯
      </button>
      {open && (
        <div {...menuProps} className="menu">
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
