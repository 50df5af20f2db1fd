import { useEffect } from 'react'
import { useMemoryStore } from '../../stores/memoryStore'
import { LockIcon } from '../LockIcon'
import { LOCK, entryDetail, entryLabel } from './entryLabels'

const formatAt = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** The continuity log, newest first. */
export function Timeline() {
  const entries = useMemoryStore((s) => s.timeline)
  const next = useMemoryStore((s) => s.timelineNext)
  const loading = useMemoryStore((s) => s.timelineLoading)
  const load = useMemoryStore((s) => s.loadTimeline)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="timeline">
      <ol className="timeline-list" aria-label="Timeline">
        {entries.map((entry) => {
          const { icon, label } = entryLabel(entry.type)
          return (
            <li key={entry.seq} className="timeline-entry" data-type={entry.type}>
              <span className="timeline-icon" aria-hidden="true">
                {icon === LOCK ? <LockIcon /> : icon}
              </span>
              <span className="timeline-label">{label}</span>
              <span className="timeline-detail">{entryDetail(entry)}</span>
              <time className="timeline-time" dateTime={entry.at}>
                {formatAt(entry.at)}
              </time>
              <span className="timeline-seq">#{entry.seq}</span>
            </li>
          )
        })}
      </ol>
      {entries.length === 0 && !loading && <p className="settings-note">No entries yet.</p>}
      {next !== null && (
        <button
          type="button"
          className="button-quiet"
          disabled={loading}
          onClick={() => void load(true)}
        >
          Show older entries
        </button>
      )}
    </div>
  )
}
