import type { ComposerFile } from '../../stores/attachmentsStore'
import { useAttachmentsStore } from '../../stores/attachmentsStore'
import { ICONS } from '../message/icons'
import { BlobImage } from './BlobImage'
import { FileLabel } from './FileLabel'

const EMPTY: ComposerFile[] = []

function isImage(entry: ComposerFile): boolean {
  return entry.staged ? entry.staged.kind === 'image' : entry.file.type.startsWith('image/')
}

function Chip({ sessionId, entry }: { sessionId: string; entry: ComposerFile }) {
  const remove = useAttachmentsStore((s) => s.remove)
  const uploading = !entry.staged
  return (
    <li className="attachment-chip" aria-busy={uploading ? 'true' : undefined}>
      <FileLabel
        name={entry.name}
        size={entry.size}
        preview={
          isImage(entry) ? (
            <BlobImage className="attachment-chip-thumb" blob={entry.file} alt="" />
          ) : null
        }
      >
        {uploading && (
          <progress
            className="attachment-chip-progress"
            aria-label={`Attaching ${entry.name}`}
            max={Math.max(entry.size, 1)}
            value={entry.received}
          />
        )}
      </FileLabel>
      <button
        type="button"
        className="icon-button attachment-chip-remove"
        aria-label="Remove attachment"
        title={`Remove ${entry.name}`}
        onClick={() => remove(sessionId, entry.key)}
      >
        {ICONS.close}
      </button>
    </li>
  )
}

/** The files going with the next message, above the message box; and why others were refused. */
export function AttachmentChips({ sessionId }: { sessionId: string }) {
  const files = useAttachmentsStore((s) => s.bySession[sessionId] ?? EMPTY)
  const errors = useAttachmentsStore((s) => s.errors[sessionId] ?? EMPTY_ERRORS)
  return (
    <>
      {files.length > 0 && (
        <ul className="attachment-chips" aria-label="Attachments">
          {files.map((entry) => (
            <Chip key={entry.key} sessionId={sessionId} entry={entry} />
          ))}
        </ul>
      )}
      {errors.length > 0 && (
        <div className="attachment-errors" role="alert">
          {errors.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
    </>
  )
}

const EMPTY_ERRORS: string[] = []
