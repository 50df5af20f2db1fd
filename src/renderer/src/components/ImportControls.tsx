import { useRef } from 'react'
import { useImportStore } from '../stores/importStore'
import { readFiles } from '../lib/readFiles'

/** Button "Import" opens the (visually hidden) file input "Import file". */
export function ImportControls() {
  const busy = useImportStore((s) => s.busy)
  const importFiles = useImportStore((s) => s.importFiles)
  const inputRef = useRef<HTMLInputElement>(null)

  return (
    <>
      <button
        type="button"
        className="button-quiet"
        disabled={busy}
        onClick={() => inputRef.current?.click()}
      >
        Import
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept=".json,.md,.markdown,.txt,application/json,text/markdown,text/plain"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Import file"
        onChange={async (event) => {
          const input = event.currentTarget
          const files = await readFiles(input.files)
          // Reset so choosing the same file again still fires a change.
          input.value = ''
          await importFiles(files)
        }}
      />
    </>
  )
}
