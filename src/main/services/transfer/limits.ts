const MiB = 1024 * 1024
const GiB = 1024 * MiB

/** Limits an import enforces before reading (file size) and while reading (zip entries). */
export interface ImportLimits {
  /** Largest file (or upload) accepted at all; checked before a byte is read. */
  maxFileBytes: number
  /** Largest file read whole into memory (session JSON, Markdown); JSON lists are streamed. */
  maxTextBytes: number
  /** Messages written per import transaction at most (bounds how long the write lock is held). */
  importBatchMessages: number
  /** Sum of the uncompressed sizes of the zip entries that would be read. */
  maxZipUncompressedBytes: number
  /** Uncompressed / compressed size above which an entry is taken for a zip bomb. */
  maxZipRatio: number
  /** Entries smaller than this are never suspected (tiny files compress oddly). */
  zipRatioMinBytes: number
  maxZipEntries: number
  /** JSON lists from this size on are read on a worker thread while the import writes. */
  parseWorkerMinBytes: number
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: GiB,
  maxTextBytes: 50 * MiB,
  importBatchMessages: 500,
  maxZipUncompressedBytes: 4 * GiB,
  maxZipRatio: 200,
  zipRatioMinBytes: MiB,
  maxZipEntries: 100_000,
  parseWorkerMinBytes: 8 * MiB,
}

export { formatBytes } from '../../../shared/formatBytes'
