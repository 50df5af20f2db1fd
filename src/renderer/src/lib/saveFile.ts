import type { ExportFile } from '../../../shared/routes'

/** Hands bytes to the browser's download machinery (no Node, no dialogs). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const anchor = document.createElement('a')
  anchor.href = url
  anchor.download = fileName
  anchor.rel = 'noopener'
  document.body.append(anchor)
  anchor.click()
  anchor.remove()
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Downloads an exported file. */
export function saveFile(file: ExportFile): void {
  downloadBlob(new Blob([file.content], { type: file.mimeType }), file.fileName)
}
