import { useEffect } from 'react'
import { useMenu } from '../hooks/useMenu'
import { useInstructionsStore } from '../stores/instructionsStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { useUiStore } from '../stores/uiStore'

/**
 * "New session" as a split button: the button itself starts a plain session (as Ctrl/Cmd+N
 * does); the arrow beside it offers the personas, and a way to make one.
 */
export function NewSessionMenu() {
  const create = useSessionsStore((s) => s.create)
  const personas = useInstructionsStore((s) => s.personas)
  const loaded = useInstructionsStore((s) => s.loaded)
  const load = useInstructionsStore((s) => s.load)
  const setSettingsOpen = useUiStore((s) => s.setSettingsOpen)
  const { open, close, buttonProps, menuProps } = useMenu()

  useEffect(() => {
    if (open && !loaded) void load()
  }, [open, loaded, load])

  return (
    <div className="split-button">
      <button
        type="button"
        className="button-primary split-button-main"
        title="New session (Ctrl/Cmd+N)"
        onClick={() => void create()}
      >
        New session
      </button>
      <button
        type="button"
        className="button-primary split-button-toggle"
        aria-label="Start with a persona"
        title="Start a session with a persona"
        {...buttonProps}
        onClick={() => {
          // Personas may have been added by another window or the CLI meanwhile.
          if (!open) void load()
          buttonProps.onClick()
        }}
      >
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div {...menuProps} className="menu split-button-menu" aria-label="Start with a persona">
          {personas.map((p) => (
            <button
              key={p.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => {
                close(false)
                void create(p.id)
              }}
            >
              {p.name}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu-item menu-item-quiet"
            onClick={() => {
              close(false)
              setSettingsOpen(true)
            }}
          >
            {personas.length > 0 ? 'Manage personas…' : 'No personas yet: add one in Settings…'}
          </button>
        </div>
      )}
    </div>
  )
}
