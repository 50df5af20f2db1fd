import { useRef } from 'react'
import { Dialog } from './Dialog'

interface ConfirmDialogProps {
  title: string
  description: string
  /** The danger button's label (e.g. "Delete"). */
  confirmLabel: string
  onCancel(): void
  onConfirm(): void
}

/** A modal question with Cancel (focused first, so Enter never destroys) and a danger button. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onCancel,
  onConfirm,
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null)
  return (
    <Dialog
      title={title}
      description={description}
      onClose={onCancel}
      initialFocus={cancelRef}
      actions={
        <>
          <button ref={cancelRef} type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="button-danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    />
  )
}
