import { useRef, useState } from 'react'
import type { AttachmentRef } from '../../../../shared/attachments'
import { attachmentKindOf, isSealedId } from '../../../../shared/attachments'
import type { Message } from '../../../../shared/domain'
import { useAttachmentBlob, useSeen } from '../../hooks/useAttachmentBlob'
import { readAttachment, saveBlob } from '../../lib/attachmentBlobs'
import { isLockedPlaceholder } from '../../lib/sealedMessages'
import { reportError } from '../../stores/uiStore'
import { LockIcon } from '../LockIcon'
import { ICONS } from '../message/icons'
import { AttachmentViewer } from './AttachmentViewer'
import { BlobImage } from './BlobImage'
import { FileLabel } from './FileLabel'
import { PdfTextDialog } from './PdfTextDialog'

async function save(ref: AttachmentRef): Promise<void> {
  const result = await readAttachment(ref)
  if (result.ok) saveBlob(result.blob, ref.name)
  else reportError(result.error)
}

function SaveButton({ attachment }: { attachment: AttachmentRef }) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label="Save attachment"
      title={`Save ${attachment.name}`}
      onClick={() => void save(attachment)}
    >
      {ICONS.save}
    </button>
  )
}

/** A thumbnail, read only once it scrolls near the screen; a click opens the full-size viewer. */
function ImageAttachment({ attachment }: { attachment: AttachmentRef }) {
  const frameRef = useRef<HTMLSpanElement>(null)
  const seen = useSeen(frameRef)
  const { blob, error } = useAttachmentBlob(attachment, seen)
  const [viewing, setViewing] = useState(false)
  return (
    <>
      <span ref={frameRef} className="attachment-thumb-frame">
        {error ? (
          <span className="attachment-thumb-missing" title={error.message}>
            Not available
          </span>
        ) : (
          <button
            type="button"
            className="attachment-thumb"
            aria-label={`View ${attachment.name}`}
            disabled={!blob}
            onClick={() => setViewing(true)}
          >
            {blob && <BlobImage blob={blob} alt="" />}
          </button>
        )}
      </span>
      {viewing && blob && (
        <AttachmentViewer
          attachment={attachment}
          blob={blob}
          onSave={() => saveBlob(blob, attachment.name)}
          onClose={() => setViewing(false)}
        />
      )}
    </>
  )
}

function AttachmentItem({ attachment }: { attachment: AttachmentRef }) {
  const kind = attachmentKindOf(attachment.mimeType)
  const [showText, setShowText] = useState(false)
  return (
    <li className={`message-attachment message-attachment-${kind}`}>
      <FileLabel
        name={attachment.name}
        size={attachment.size}
        preview={kind === 'image' ? <ImageAttachment attachment={attachment} /> : null}
      />
      {kind === 'pdf' && (
        <button type="button" className="button-quiet" onClick={() => setShowText(true)}>
          View text
        </button>
      )}
      <SaveButton attachment={attachment} />
      {showText && <PdfTextDialog attachment={attachment} onClose={() => setShowText(false)} />}
    </li>
  )
}

/** While the vault is locked, main names a sensitive message's files only "sealed". */
function sealedWhileLocked(ref: AttachmentRef): boolean {
  return isSealedId(ref.id) && ref.name === 'sealed' && ref.size === 0
}

/** The files a message carries: thumbnails for images, chips that save; a PDF's text. */
export function MessageAttachments({ message }: { message: Message }) {
  const refs = message.attachments ?? []
  if (refs.length === 0) return null
  if (isLockedPlaceholder(message) || refs.some(sealedWhileLocked)) {
    return (
      <p className="message-attachments-locked">
        <LockIcon /> {refs.length === 1 ? '1 attachment' : `${refs.length} attachments`}, locked in
        the vault
      </p>
    )
  }
  return (
    <ul className="message-attachments" aria-label="Attachments">
      {refs.map((ref, i) => (
        <AttachmentItem key={`${ref.id}:${i}`} attachment={ref} />
      ))}
    </ul>
  )
}
