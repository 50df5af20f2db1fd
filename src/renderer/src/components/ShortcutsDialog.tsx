import { Fragment } from 'react'
import { shortcutGroups } from '../lib/shortcuts'
import { useShortcutsStore } from '../stores/shortcutsStore'
import { Dialog } from './Dialog'
import '../styles/composer.css'

/** The sheet of every keyboard shortcut (Ctrl/Cmd+/). */
export function ShortcutsDialog() {
  const open = useShortcutsStore((s) => s.sheetOpen)
  const setOpen = useShortcutsStore((s) => s.setSheetOpen)
  if (!open) return null
  const close = () => setOpen(false)
  return (
    <Dialog
      title="Keyboard shortcuts"
      className="shortcuts-dialog"
      onClose={close}
      closeOnBackdrop
      headerAction={
        <button type="button" className="icon-button" aria-label="Close shortcuts" onClick={close}>
          ×
        </button>
      }
    >
      <div className="shortcuts-groups">
        {shortcutGroups().map((group) => (
          <section key={group.title} className="shortcuts-group" aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl className="shortcuts-list">
              {group.items.map((item) => (
                <Fragment key={`${item.keys.join('+')} ${item.does}`}>
                  <dt>
                    {item.keys.map((key, i) => (
                      <Fragment key={key + i}>
                        {i > 0 && <span aria-hidden="true"> </span>}
                        <kbd>{key}</kbd>
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{item.does}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  )
}
