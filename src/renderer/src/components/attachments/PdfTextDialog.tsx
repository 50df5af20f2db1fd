import { useEffect, useState } from 'react'
import { createPortal } from 'react-dom'
import type { AttachmentRef } from '../../../../shared/attachments'
import { request } from '../../bridge/bridgeClient'
import { CloseDialog } from '../CloseDialog'

/** A PDF's extracted text, as a model that cannot read PDFs is given it. */
export function PdfTextDialog({
  attachment,
  onClose,
}: {
  attachment: AttachmentRef
  onClose(): void
}) {
  const [text, setText] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    void request('attachments.pdfText', { id: attachment.id }).then((result) => {
      if (!current) return
      if (result.ok) setText(result.data.text)
      else setError(result.error.message)
    })
    return () => {
      current = false
    }
  }, [attachment.id])

  return createPortal(
    <CloseDialog title={`Text of ${attachment.name}`} className="pdf-text-dialog" onClose={onClose}>
      {error && <p role="alert">{error}</p>}
      {!error && text === null && <p>Reading the PDF…</p>}
      {text !== null &&
        (text.trim() ? (
          <pre className="pdf-text">{text}</pre>
        ) : (
          <p>This PDF has no text to extract (it may be scanned images).</p>
        ))}
    </CloseDialog>,
    document.body,
  )
}
