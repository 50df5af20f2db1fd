import type { ReactNode, RefObject } from 'react'
import { useRef } from 'react'
import { Dialog } from './Dialog'

export interface CloseDialogProps {
  title: ReactNode
  className?: string
  onClose(): void
  /** The Close button, for a caller that moves focus to it; one is made when not given. */
  closeRef?: RefObject<HTMLButtonElement | null>
  children?: ReactNode
}

/** A dialog to read, not to answer: its one action is Close, which also has the focus first. */
export function CloseDialog({ title, className, onClose, closeRef, children }: CloseDialogProps) {
  const ownRef = useRef<HTMLButtonElement>(null)
  const ref = closeRef ?? ownRef
  return (
    <Dialog
      title={title}
      className={className}
      onClose={onClose}
      initialFocus={ref}
      closeOnBackdrop
      actions={
        <button ref={ref} type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      }
    >
      {children}
    </Dialog>
  )
}
