import type { Entry, ZipFile } from 'yauzl'
import { formatBytes } from '../limits'
import type { ImportLimits } from '../limits'
import type { ZipFiles } from './importFiles'
import { invalidImport, unsupportedImport } from './importShared'

// `file-AbC123…` (file-service:// pointers) or `file_0000…` (sediment:// pointers), then `-name`.
const ASSET_ENTRY = /^(file[-_][A-Za-z0-9]+)(?=[-_.]|$)/

/**
 * The entries of an open zip as files a session can refer to: a native export's
 * `attachments/<id>-<name>`, a ChatGPT export's `file-…` images. Each is read only when a
 * message refers to it, with the same zip-bomb checks as the session files.
 */
export function zipFilesOf(
  zip: ZipFile,
  entries: ReadonlyArray<{ entry: Entry; name: string }>,
  label: string,
  limits: ImportLimits,
  /** What the zip's session files unpack to: the files add to it. */
  sessionBytes: number,
): ZipFiles {
  const byName = new Map(entries.map((e) => [e.name, e.entry]))
  let assets: Map<string, string> | null = null
  // Files count against the zip's unpacked-size limit too, whatever their number.
  let unpacked = sessionBytes
  return {
    label,
    async read(name, max) {
      const entry = byName.get(name)
      if (!entry) return null
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
      if (entry.generalPurposeBitFlag & 1)
        throw unsupportedImport(`${name}: the entry is encrypted`)
      if (entry.uncompressedSize > max) {
        throw invalidImport(
          `${name} is ${formatBytes(entry.uncompressedSize)}; the limit is ${formatBytes(max)}`,
        )
      }
      if (entry.uncompressedSize >= limits.zipRatioMinBytes && ratio > limits.maxZipRatio) {
        throw invalidImport(
          `${name} would unpack with a ratio of ${Math.round(ratio)}:1 (a zip bomb?); not read`,
        )
      }
      if (unpacked + entry.uncompressedSize > limits.maxZipUncompressedBytes) {
        throw invalidImport(
          `${name}: the zip's files would unpack to more than ${formatBytes(limits.maxZipUncompressedBytes)}; not read`,
        )
      }
      unpacked += entry.uncompressedSize
      const chunks: Buffer[] = []
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    },
    findAsset(assetId) {
      if (!assets) {
        assets = new Map()
        for (const { name } of entries) {
          const base = name.slice(name.lastIndexOf('/') + 1)
          const id = ASSET_ENTRY.exec(base)?.[1]
          if (id && !assets.has(id)) assets.set(id, name)
        }
      }
      return assets.get(assetId) ?? null
    },
  }
}
