import { useRef } from 'react'
import { useImportStore } from '../stores/importStore'
import { ExportAllButton } from './transfer/ExportAllButton'
import { ImportProgress } from './transfer/ImportProgress'

/** Button "Import" opens the (visually hidden) file input "Import file"; "Export all" beside it. */
export function ImportControls() {
  const busy = useImportStore((s) => s.busy)
  const importFiles = useImportStore((s) => s.importFiles)
  const inputRef = useRef<HTMLInputElement>(null)

  return (
    <>
      <ImportProgress />
      <button
        type="button"
        className="button-quiet"
        disabled={busy}
        onClick={() => inputRef.current?.click()}
      >
        Import
      </button>
      <ExportAllButton />
      <input
        ref={inputRef}
        type="file"
        multiple
        // The format is decided from the content; this list only helps the file picker.
        accept=".json,.md,.markdown,.txt,.zip,application/json,text/markdown,text/plain,application/zip"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Import file"
        onChange={async (event) => {
          const input = event.currentTarget
          const files = Array.from(input.files ?? [])
          // Reset so choosing the same file again still fires a change.
          input.value = ''
          await importFiles(files)
        }}
      />
    </>
  )
}
