import type { FormEvent } from 'react'
import { useEffect, useId, useState } from 'react'
import type { SdkVaultImportReport } from '../../../../shared/sdkVault'
import { SDK_VAULT_FORMAT_NAMES } from '../../../../shared/sdkVaultNames'
import { useSdkVaultImportStore } from '../../stores/sdkVaultImportStore'

function reportLines(r: SdkVaultImportReport): string[] {
  const lines = [
    `Imported ${r.imported} of ${r.found} entries from a ${SDK_VAULT_FORMAT_NAMES[r.format]} SDK vault.`,
  ]
  if (r.skipped > 0) {
    lines.push(`Skipped ${r.skipped} whose key the vault already has (yours were kept).`)
  }
  if (r.conflicts.length > 0) lines.push(`Different from the SDK's: ${r.conflicts.join(', ')}.`)
  for (const d of r.damaged) {
    lines.push(`Could not read ${d.key === null ? d.file : `"${d.key}"`}: ${d.reason}.`)
  }
  return lines
}

/** Folder pickers are not in React's input props; the attribute is set on the element. */
function asFolderPicker(input: HTMLInputElement | null): void {
  input?.setAttribute('webkitdirectory', '')
}

/** "Import SDK vault": an ActiveMirrorOS SDK vault folder (Python or JavaScript) into this vault. */
export function SdkVaultImport() {
  const importFolder = useSdkVaultImportStore((s) => s.importFolder)
  const busy = useSdkVaultImportStore((s) => s.busy)
  const error = useSdkVaultImportStore((s) => s.error)
  const report = useSdkVaultImportStore((s) => s.report)
  const reset = useSdkVaultImportStore((s) => s.reset)
  const [files, setFiles] = useState<File[]>([])
  const [password, setPassword] = useState('')
  const ids = useId()
  // The report names entry keys: forget it when the panel goes (a lock unmounts it too).
  useEffect(() => reset, [reset])

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (files.length === 0 || !password) return
    await importFolder(files, password)
    setPassword('')
  }

  return (
    <section className="vault-section" aria-labelledby={`${ids}-title`}>
      <h4 id={`${ids}-title`}>From the ActiveMirrorOS SDK</h4>
      <p className="vault-note">
        Bring in a vault folder made by the Python or JavaScript SDK. Keys this vault already has
        are skipped, never overwritten.
      </p>
      <form className="vault-form" onSubmit={(event) => void onSubmit(event)}>
        <label htmlFor={`${ids}-folder`}>SDK vault folder</label>
        <input
          id={`${ids}-folder`}
          ref={asFolderPicker}
          type="file"
          multiple
          onChange={(event) => setFiles([...(event.target.files ?? [])])}
        />
        <label htmlFor={`${ids}-pw`}>SDK vault password</label>
        <input
          id={`${ids}-pw`}
          type="password"
          autoComplete="off"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button
          type="submit"
          className="button-secondary"
          disabled={busy || files.length === 0 || !password}
        >
          Import SDK vault
        </button>
        {error && (
          <p role="alert" className="vault-alert">
            {error.message}
          </p>
        )}
        <div role="status">
          {report && reportLines(report).map((line) => <p key={line}>{line}</p>)}
        </div>
      </form>
    </section>
  )
}
