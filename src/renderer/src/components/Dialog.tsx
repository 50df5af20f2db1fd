import type { KeyboardEvent, ReactNode, RefObject } from 'react'
import { useEffect, useId, useRef } from 'react'
import { useEscapeLayer } from '../hooks/useEscapeLayer'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export interface DialogProps {
  title: ReactNode
  /** Short text read out with the title (aria-describedby). */
  description?: ReactNode
  onClose(): void
  /** Focused when the dialog opens; otherwise its first focusable element. */
  initialFocus?: RefObject<HTMLElement | null>
  /** Clicking outside the dialog closes it (not for confirmations). */
  closeOnBackdrop?: boolean
  /** Extra element in the title row, e.g. a close button. */
  headerAction?: ReactNode
  actions?: ReactNode
  className?: string
  children?: ReactNode
}

/**
 * A modal dialog: backdrop, focus kept inside while open and given back on close, Esc closes.
 * Callers render it only while it is open, so mounting is opening.
 */
export function Dialog(props: DialogProps) {
  const { onClose, initialFocus } = props
  const ref = useRef<HTMLDivElement>(null)
  const ids = useId()
  // Esc is handled app-wide, so it closes the top dialog wherever focus is (lib/escapeLayers).
  useEscapeLayer(true, onClose)

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const first = initialFocus?.current ?? ref.current?.querySelector<HTMLElement>(FOCUSABLE)
    ;(first ?? ref.current)?.focus()
    return () => previous?.focus?.()
  }, [initialFocus])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'Tab') return
    const items = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])
    const first = items[0]
    const last = items[items.length - 1]
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => props.closeOnBackdrop && e.target === e.currentTarget && onClose()}
    >
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        aria-describedby={props.description ? `${ids}-body` : undefined}
        className={props.className ? `dialog ${props.className}` : 'dialog'}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="dialog-header">
          <h2 id={`${ids}-title`}>{props.title}</h2>
          {props.headerAction}
        </div>
        {props.description && <p id={`${ids}-body`}>{props.description}</p>}
        {props.children}
        {props.actions && <div className="dialog-actions">{props.actions}</div>}
      </div>
    </div>
  )
}
