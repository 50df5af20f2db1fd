import { useMenu } from '../hooks/useMenu'
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
  const { open, close, buttonProps, menuProps } = useMenu()

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

  return (
    <div className="menu-anchor">
      <button
        type="button"
        className="icon-button session-actions"
        aria-label="Session actions"
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
