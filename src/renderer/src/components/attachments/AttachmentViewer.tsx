import { useRef } from 'react'
import { createPortal } from 'react-dom'
import type { AttachmentRef } from '../../../../shared/attachments'
import { formatBytes } from '../../../../shared/formatBytes'
import { Dialog } from '../Dialog'
import { ICONS } from '../message/icons'
import { BlobImage } from './BlobImage'

interface Props {
  attachment: AttachmentRef
  blob: Blob
  onSave(): void
  onClose(): void
}

/** An image attachment at full size (Esc closes; focus goes back to the thumbnail). */
export function AttachmentViewer({ attachment, blob, onSave, onClose }: Props) {
  const closeRef = useRef<HTMLButtonElement>(null)
  return createPortal(
    <Dialog
      title={attachment.name}
      className="attachment-viewer"
      onClose={onClose}
      initialFocus={closeRef}
      closeOnBackdrop
      headerAction={
        <button
          ref={closeRef}
          type="button"
          className="icon-button"
          aria-label="Close"
          onClick={onClose}
        >
          {ICONS.close}
        </button>
      }
      actions={
        <>
          <span className="attachment-viewer-size">{formatBytes(attachment.size)}</span>
          <button type="button" className="button-secondary" onClick={onSave}>
            Save attachment
          </button>
        </>
      }
    >
      <div className="attachment-viewer-frame">
        <BlobImage className="attachment-viewer-image" blob={blob} alt={attachment.name} />
      </div>
    </Dialog>,
    document.body,
  )
}
