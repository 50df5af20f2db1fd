import path from 'node:path'
import type { Entry } from 'yauzl'
import yauzl from 'yauzl'
import type { ImportRun } from './importRun'
import type { ImportSource } from './importSource'
import { importSources } from './importBatch'
import { invalidImport, unsupportedImport } from './importShared'
import { formatBytes } from '../limits'
import { ZIP_ATTACHMENTS_DIR } from '../export/exportAttachments'
import { zipFilesOf } from './zipFiles'

const READABLE = /\.(json|md|markdown|txt)$/i

// Names go into reports: no control characters, bounded length.
// eslint-disable-next-line no-control-regex
const printable = (name: string) => name.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200)

function isCandidate(name: string): boolean {
  const base = path.posix.basename(name)
  return (
    READABLE.test(base) &&
    !base.startsWith('.') &&
    !name.startsWith('__MACOSX/') &&
    // A zip export's files (a note.md or data.json attached to a message), not sessions.
    !name.startsWith(`${ZIP_ATTACHMENTS_DIR}/`)
  )
}

/**
 * A zip: a ChatGPT export (only its conversations.json is read) or a folder of session files
 * (ActiveMirror's "export all", an SDK store). Nothing is ever written to disk by entry name;
 * entries are streamed straight into the importer. Unsafe names (`../x`, `/x`, `C:/x`) are
 * reported and skipped; a compression ratio or total size that points at a zip bomb is refused
 * before the entry is inflated, and yauzl stops any entry that inflates past its declared size.
 */
export async function importZip(run: ImportRun, source: ImportSource & { path: string }) {
  const { limits } = run
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.openPromise(source.path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw invalidImport(`the zip is damaged (${detail})`)
  }
  try {
    const entries: Array<{ entry: Entry; name: string }> = []
    for await (const entry of zip.eachEntry()) {
      if (entries.length >= limits.maxZipEntries) {
        throw invalidImport(`the zip has more than ${limits.maxZipEntries} entries`)
      }
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      )
      entries.push({ entry, name })
    }
    const safe = entries.filter(({ name }) => {
      if (yauzl.validateFileName(name) === null) return true
      run.fail(
        `${source.label}/${printable(name)}`,
        invalidImport('unsafe path inside the zip (it points outside the archive); ignored'),
      )
      return false
    })
    const files = safe.filter(({ name }) => !name.endsWith('/'))
    const chatGpt = files.filter(({ name }) => path.posix.basename(name) === 'conversations.json')
    const candidates = chatGpt.length > 0 ? chatGpt : files.filter(({ name }) => isCandidate(name))
    if (candidates.length === 0) {
      throw unsupportedImport('the zip holds no conversations.json, session JSON or Markdown files')
    }
    const accepted = candidates.filter(({ entry, name }) => {
      const label = `${source.label}/${printable(name)}`
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize)
      if (entry.generalPurposeBitFlag & 1) {
        run.fail(label, unsupportedImport('the entry is encrypted'))
      } else if (entry.uncompressedSize > limits.maxFileBytes) {
        run.fail(
          label,
          invalidImport(`the entry is ${formatBytes(entry.uncompressedSize)} unpacked; too large`),
        )
      } else if (entry.uncompressedSize >= limits.zipRatioMinBytes && ratio > limits.maxZipRatio) {
        run.fail(
          label,
          invalidImport(
            `the entry would unpack to ${formatBytes(entry.uncompressedSize)} from ${formatBytes(entry.compressedSize)} (ratio ${Math.round(ratio)}:1), which looks like a zip bomb; not read`,
          ),
        )
      } else return true
      return false
    })
    const total = accepted.reduce((sum, { entry }) => sum + entry.uncompressedSize, 0)
    if (total > limits.maxZipUncompressedBytes) {
      throw invalidImport(
        `the zip would unpack to ${formatBytes(total)}; the limit is ${formatBytes(limits.maxZipUncompressedBytes)}`,
      )
    }
    const sources: ImportSource[] = accepted.map(({ entry, name }) => ({
      label: `${source.label}/${printable(name)}`,
      size: entry.uncompressedSize,
      open: () => zip.openReadStreamPromise(entry),
    }))
    // Sessions read from this zip find their messages' files among its entries.
    const outer = run.zip
    run.zip = zipFilesOf(zip, files, source.label, limits, total)
    try {
      await importSources(run, sources, importZip)
    } finally {
      run.zip = outer
    }
  } finally {
    zip.close()
  }
}
