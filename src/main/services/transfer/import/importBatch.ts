import { importConversations, storeConversationResults } from './importConversations'
import { parseChatGptListOnWorker } from './formats/chatgpt/chatgptListParser'
import type { ImportRun } from './importRun'
import { invalidImport, unsupportedImport } from './importShared'
import type { ImportSource } from './importSource'
import { readAll, readHead } from './importSource'
import type { IndexFile } from './importText'
import { importText } from './importText'
import { streamJsonList } from './jsonListStream'
import { formatBytes } from '../limits'
import { sniff } from './sniff'

const HEAD_BYTES = 64 * 1024

/** Opens a zip file; set by importZip.ts (kept apart so this module does not load yauzl). */
export type ZipImporter = (run: ImportRun, source: ImportSource & { path: string }) => Promise<void>

/** One source, dispatched on its first bytes. */
export async function importSource(
  run: ImportRun,
  source: ImportSource,
  importZip: ZipImporter,
): Promise<IndexFile | null> {
  const { limits } = run
  if (source.size === 0) throw invalidImport('the file is empty')
  if (source.size > limits.maxFileBytes) {
    throw invalidImport(
      `the file is ${formatBytes(source.size)}; the largest file ActiveMirror imports is ${formatBytes(limits.maxFileBytes)}`,
    )
  }
  const kind = sniff(await readHead(source, HEAD_BYTES))
  switch (kind) {
    case 'empty':
      throw invalidImport('the file is empty')
    case 'binary':
      throw unsupportedImport('a binary file, not an export (expected JSON, Markdown or a zip)')
    case 'zip':
      if (source.path === undefined) throw unsupportedImport('a zip inside a zip is not opened')
      await importZip(run, { ...source, path: source.path })
      return null
    case 'jsonList': {
      run.addTotal(source.size)
      const stream = await source.open()
      const onBytes = (n: number): void => run.addBytes(n)
      // A big list is cut, parsed and mapped on a worker thread while this one writes; for a
      // small one, starting the thread costs more than it saves.
      if (source.size >= limits.parseWorkerMinBytes) {
        const results = parseChatGptListOnWorker(stream, {
          ...run.parseWorker,
          onBytes,
          signal: run.signal,
        })
        await storeConversationResults(run, source.label, results)
      } else {
        await importConversations(run, source.label, streamJsonList(stream, onBytes))
      }
      return null
    }
    case 'text': {
      if (source.size > limits.maxTextBytes) {
        throw invalidImport(
          `the file is ${formatBytes(source.size)}; a session file may be at most ${formatBytes(limits.maxTextBytes)}`,
        )
      }
      run.addTotal(source.size)
      const bytes = await readAll(source, (n) => run.addBytes(n))
      return importText(run, source.label, bytes.toString('utf8'))
    }
  }
}

/**
 * Sources that belong together (the files of one drop or call, a folder, a zip). Each is
 * imported on its own, so a bad one never stops the others. An SDK index.json among them is not
 * a session: its ids are checked against what the others held, and missing ones reported.
 */
export async function importSources(
  run: ImportRun,
  sources: ImportSource[],
  importZip: ZipImporter,
): Promise<void> {
  const indexes: Array<{ file: string; index: IndexFile }> = []
  for (const source of sources) {
    if (run.cancelled) return
    try {
      const index = await importSource(run, source, importZip)
      if (index) indexes.push({ file: source.label, index })
    } catch (error) {
      if (run.cancelled) return
      run.fail(source.label, error)
    }
  }
  for (const { file, index } of indexes) {
    if (sources.length === 1) {
      run.fail(
        file,
        unsupportedImport(
          'this is an ActiveMirrorOS SDK store index.json; import the whole folder or the session files with it',
        ),
      )
      continue
    }
    for (const id of index.ids) {
      if (!run.hasSeen(id)) {
        run.fail(
          file,
          invalidImport(`lists session ${id}, but no file with that session was given`),
        )
      }
    }
  }
}
