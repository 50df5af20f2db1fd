const MiB = 1024 * 1024
const GiB = 1024 * MiB

/** "1.5 MB", "2.0 GB": sizes in user messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < MiB) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < GiB) return `${(bytes / MiB).toFixed(1)} MB`
  return `${(bytes / GiB).toFixed(1)} GB`
}
