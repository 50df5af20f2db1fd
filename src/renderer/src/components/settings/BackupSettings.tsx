import { useEffect, useState } from 'react'
import type { FormEvent } from 'react'
import type {
  BackupCount,
  BackupPreview,
  BackupSchedule,
} from '../../../../shared/routeGroups/backup'
import { BACKUP_KEEP_MAX } from '../../../../shared/routeGroups/backup'
import { formatDateTime as formatDate } from '../../lib/format'
import { useAppStore } from '../../stores/appStore'
import { useBackupStore } from '../../stores/backupStore'

const FREQUENCIES: Array<{ value: BackupSchedule['frequency']; label: string }> = [
  { value: 'off', label: 'Off' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
]

const ROWS: Array<{ key: keyof Omit<BackupPreview, 'createdAt' | 'target'>; label: string }> = [
  { key: 'sessions', label: 'Sessions' },
  { key: 'messages', label: 'Messages' },
  { key: 'folders', label: 'Folders' },
  { key: 'vaultEntries', label: 'Vault entries' },
  { key: 'logEntries', label: 'Log entries' },
  { key: 'attachments', label: 'Attachments' },
]

function CountsTable(props: { counts: BackupPreview; caption: string }) {
  const cell = (c: BackupCount, k: keyof BackupCount) => <td>{c[k]}</td>
  return (
    <table className="backup-counts">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Kind</th>
          <th scope="col">In backup</th>
          <th scope="col">New</th>
          <th scope="col">Already here</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {cell(props.counts[row.key], 'total')}
            {cell(props.counts[row.key], 'new')}
            {cell(props.counts[row.key], 'present')}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ScheduleForm() {
  const status = useBackupStore((s) => s.status)
  const setSchedule = useBackupStore((s) => s.setSchedule)
  const chooseFolder = useBackupStore((s) => s.chooseFolder)
  // Only the desktop app has a native picker; in a browser the path is typed.
  const hasPicker = useAppStore((s) => s.info?.host === 'electron')
  const [folder, setFolder] = useState(status?.folder ?? '')
  const [keep, setKeep] = useState(String(status?.keep ?? ''))
  if (!status) return <p>Loading…</p>

  function saveFolder(event: FormEvent) {
    event.preventDefault()
    if (folder.trim()) void setSchedule({ folder: folder.trim() })
  }

  return (
    <>
      <form className="backup-row" onSubmit={saveFolder}>
        <label className="backup-path">
          Backup folder
          <input
            value={folder}
            placeholder="/path/to/a/folder"
            spellCheck={false}
            onChange={(e) => setFolder(e.target.value)}
          />
        </label>
        <button type="submit" className="button-secondary" disabled={!folder.trim()}>
          Use this folder
        </button>
        {hasPicker && (
          <button type="button" className="button-secondary" onClick={() => void chooseFolder()}>
            Choose folder…
          </button>
        )}
      </form>
      <div className="backup-row">
        <label>
          Automatic backups
          <select
            value={status.frequency}
            onChange={(e) =>
              void setSchedule({ frequency: e.target.value as BackupSchedule['frequency'] })
            }
          >
            {FREQUENCIES.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Keep the last
          <input
            type="number"
            min={1}
            max={BACKUP_KEEP_MAX}
            value={keep}
            onChange={(e) => {
              setKeep(e.target.value)
              const n = Number(e.target.value)
              if (Number.isInteger(n) && n >= 1 && n <= BACKUP_KEEP_MAX) {
                void setSchedule({ keep: n })
              }
            }}
          />
        </label>
      </div>
      <p className="settings-note">
        {status.lastBackupAt ? (
          <>
            Last backup:{' '}
            <time dateTime={status.lastBackupAt}>{formatDate(status.lastBackupAt)}</time>.
          </>
        ) : (
          'No backup yet.'
        )}
        {status.nextDueAt && (
          <>
            {' '}
            Next: <time dateTime={status.nextDueAt}>{formatDate(status.nextDueAt)}</time>.
          </>
        )}
        {status.lastError === 'VAULT_LOCKED' && ' Waiting for the vault to be unlocked.'}
      </p>
    </>
  )
}

function RestoreForm() {
  const busy = useBackupStore((s) => s.busy)
  const preview = useBackupStore((s) => s.preview)
  const restored = useBackupStore((s) => s.restored)
  const previewRestore = useBackupStore((s) => s.previewRestore)
  const restore = useBackupStore((s) => s.restore)
  const clearPreview = useBackupStore((s) => s.clearPreview)
  const [file, setFile] = useState('')
  const [password, setPassword] = useState('')

  function submit(event: FormEvent) {
    event.preventDefault()
    if (file.trim() && password) void previewRestore(file.trim(), password)
  }

  return (
    <>
      <h4>Restore</h4>
      <form className="backup-row" onSubmit={submit}>
        <label className="backup-path">
          Backup file
          <input value={file} spellCheck={false} onChange={(e) => setFile(e.target.value)} />
        </label>
        <label>
          Backup password
          <input
            type="password"
            autoComplete="off"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button
          type="submit"
          className="button-secondary"
          disabled={busy || !file.trim() || !password}
        >
          Preview restore
        </button>
      </form>
      {preview && (
        <div className="backup-preview" role="region" aria-label="Restore preview">
          <CountsTable
            counts={preview.counts}
            caption={`Backup of ${formatDate(preview.counts.createdAt)}: ${
              preview.counts.target === 'empty'
                ? 'everything comes back, identity and settings too.'
                : 'merged by ids; what is here is kept, what is missing is added.'
            }`}
          />
          <div className="settings-actions">
            <button type="button" className="button-secondary" onClick={clearPreview}>
              Cancel
            </button>
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() => void restore(password)}
            >
              Restore
            </button>
          </div>
        </div>
      )}
      {restored && (
        <p role="status">
          Restored: {restored.sessions.new} sessions and {restored.messages.new} messages added
          {restored.damagedVaultRecords.length > 0 &&
            `; ${restored.damagedVaultRecords.length} damaged vault records left out`}
          .
        </p>
      )}
    </>
  )
}

/**
 * Settings → Privacy → Backups: one encrypted file of everything, now or on a schedule, and a
 * restore that shows its counts before anything is written (docs/backup.md).
 */
export function BackupSettings() {
  const status = useBackupStore((s) => s.status)
  const busy = useBackupStore((s) => s.busy)
  const error = useBackupStore((s) => s.error)
  const load = useBackupStore((s) => s.load)
  const backUpNow = useBackupStore((s) => s.backUpNow)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="backup-settings">
      <h4>Backups</h4>
      <p className="settings-note">
        One encrypted file with your sessions, vault, continuity log, identity and settings (never
        API keys). Your vault password opens it.
      </p>
      {/* Keyed by the saved folder: a change elsewhere resets the field to it. */}
      <ScheduleForm key={status?.folder ?? ''} />
      <div className="settings-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={busy || !status?.folder}
          onClick={() => void backUpNow()}
        >
          Back up now
        </button>
      </div>
      {error && (
        <p role="alert" className="verify-broken">
          {error.code}: {error.message}
        </p>
      )}
      <RestoreForm />
    </div>
  )
}
