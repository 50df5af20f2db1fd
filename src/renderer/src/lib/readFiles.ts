import type { ImportFile } from '../stores/importStore'

/** Reads picked or dropped files as text (the import route takes text, never paths). */
export async function readFiles(list: FileList | null | undefined): Promise<ImportFile[]> {
  const files = Array.from(list ?? [])
  return Promise.all(files.map(async (file) => ({ name: file.name, content: await file.text() })))
}
