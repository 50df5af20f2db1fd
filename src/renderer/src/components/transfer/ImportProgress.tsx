import './transfer.css'
import { useImportStore } from '../../stores/importStore'

const MB = 1024 * 1024

/** While a large file uploads and imports: a progress bar and a Cancel button. */
export function ImportProgress() {
  const progress = useImportStore((s) => s.progress)
  const cancel = useImportStore((s) => s.cancel)
  if (!progress) return null
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0
  const verb = progress.phase === 'uploading' ? 'Reading' : 'Importing'
  const text = `${verb} ${progress.file}: ${percent}% (${(progress.done / MB).toFixed(1)} of ${(progress.total / MB).toFixed(1)} MB), ${progress.sessionsImported} sessions imported`
  return (
    <div className="import-progress">
      <progress aria-label="Import progress" aria-valuetext={text} max={100} value={percent} />
      <span className="import-progress-text">{text}</span>
      <button type="button" className="button-quiet" onClick={() => void cancel()}>
        Cancel import
      </button>
    </div>
  )
}
