import type { FormEvent } from 'react'
import { useId, useState } from 'react'
import { isSdkVaultFileName } from '../../../../shared/sdkVaultNames'
import { useVaultStore } from '../../stores/vaultStore'

// JavaScript SDK vault files are random bytes: only their names tell them from a damaged backup.
const SDK_FILE_TEXT =
  'This is a file of an ActiveMirrorOS SDK vault, not an ActiveMirror vault backup: use "Import SDK vault" with its folder.'

const MODE_TEXT = {
  new: 'Restore a backup as this vault (it opens with the password the backup was made with).',
  merge: 'Merge a backup into this vault: newer entries win, nothing else is removed.',
}

/** Restore from an encrypted backup file: into a new vault, or merged into the open one. */
export function VaultRestore({ mode }: { mode: 'new' | 'merge' }) {
  const restore = useVaultStore((s) => s.restore)
  const busy = useVaultStore((s) => s.busy)
  const [file, setFile] = useState<File | null>(null)
  const [password, setPassword] = useState('')
  const [result, setResult] = useState('')
  const [wrongKind, setWrongKind] = useState(false)
  const ids = useId()

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (!file || !password) return
    setResult('')
    setWrongKind(isSdkVaultFileName(file.name))
    if (isSdkVaultFileName(file.name)) return
    const report = await restore(file, password, mode)
    setPassword('')
    if (report) {
      const damaged = report.damaged.length
      setResult(
        (mode === 'new'
          ? `Restored ${report.added} records.`
          : `Merged: ${report.added} added, ${report.updated} updated, ${report.kept} kept.`) +
          (damaged > 0
            ? ` ${damaged} damaged ${damaged === 1 ? 'record was' : 'records were'} left out (the backup file is unchanged).`
            : ''),
      )
    }
  }

  return (
    <details className="vault-section">
      <summary>{mode === 'new' ? 'Restore from a backup' : 'Merge a backup'}</summary>
      <p className="vault-note">{MODE_TEXT[mode]}</p>
      <form className="vault-form" onSubmit={(event) => void onSubmit(event)}>
        <label htmlFor={`${ids}-file`}>Backup file</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <label htmlFor={`${ids}-pw`}>Backup password</label>
        <input
          id={`${ids}-pw`}
          type="password"
          autoComplete="off"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button-secondary" disabled={busy || !file || !password}>
          {mode === 'new' ? 'Restore' : 'Merge'}
        </button>
        {wrongKind && (
          <p role="alert" className="vault-alert">
            {SDK_FILE_TEXT}
          </p>
        )}
        <p role="status">{result}</p>
      </form>
    </details>
  )
}
