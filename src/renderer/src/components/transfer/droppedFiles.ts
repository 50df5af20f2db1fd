// Minimal shapes of the File and Directory Entries API (webkitGetAsEntry), which DOM typings
// describe only loosely.
interface EntryLike {
  isFile: boolean
  isDirectory: boolean
  name: string
  fullPath: string
}
interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure: (error: unknown) => void): void
}
interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure: (e: unknown) => void): void
  }
}

const MAX_FILES = 1000

function fileOf(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject))
}

async function entriesOf(dir: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader()
  const all: EntryLike[] = []
  // readEntries returns the folder in batches until an empty one.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    )
    if (batch.length === 0) return all
    all.push(...batch)
  }
}

/** A dropped folder's files at its top level (an SDK store: index.json + session files). */
async function folderFiles(dir: DirectoryEntryLike): Promise<File[]> {
  const files: File[] = []
  for (const entry of await entriesOf(dir)) {
    if (!entry.isFile || files.length >= MAX_FILES) continue
    const file = await fileOf(entry as FileEntryLike)
    // Keep the folder in the name, so reports say where a file came from.
    files.push(new File([file], `${dir.name}/${file.name}`, { type: file.type }))
  }
  return files
}

/** Files of a drop; folders (where the browser exposes them) are opened one level deep. */
export async function droppedFiles(data: DataTransfer | null | undefined): Promise<File[]> {
  if (!data) return []
  const items = Array.from(data.items ?? [])
  const entries = items
    .map((item) => (item.kind === 'file' ? (item.webkitGetAsEntry?.() as EntryLike | null) : null))
    .filter((entry): entry is EntryLike => entry !== null && entry !== undefined)
  if (!entries.some((e) => e.isDirectory)) return Array.from(data.files ?? [])
  // Entries must be taken before any await: the DataTransfer is emptied after the event.
  const out: File[] = []
  for (const entry of entries) {
    if (entry.isDirectory) out.push(...(await folderFiles(entry as DirectoryEntryLike)))
    else if (entry.isFile) out.push(await fileOf(entry as FileEntryLike))
  }
  return out
}
