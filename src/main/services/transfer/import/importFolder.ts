import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ImportRun } from './importRun'
import { importSources } from './importBatch'
import { invalidImport, SAFE_SESSION_ID, unsupportedImport } from './importShared'
import type { ImportSource } from './importSource'
import { fileSource } from './importSource'
import { importZip } from './importZip'

const READABLE = /\.(json|md|markdown|txt)$/i
const MAX_INDEX_BYTES = 10 * 1024 * 1024

async function listedIds(file: string): Promise<string[] | null> {
  const info = await stat(file)
  if (info.size > MAX_INDEX_BYTES) return null
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as { sessions?: unknown }
    return Array.isArray(value.sessions)
      ? value.sessions.filter((id): id is string => typeof id === 'string')
      : null
  } catch {
    return null
  }
}

/**
 * A folder (from the CLI): an SDK store (index.json → the listed `<id>.json` files, like the SDK
 * loads it), an unpacked ChatGPT export (its conversations.json), or else every JSON and
 * Markdown file at its top level.
 */
export async function importFolder(run: ImportRun, dir: string, label: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  const files = entries.filter((e) => e.isFile()).map((e) => e.name)
  const at = (name: string) => path.join(dir, name)
  const sourceFor = async (name: string): Promise<ImportSource> =>
    fileSource(path.join(label, name), at(name), (await stat(at(name))).size)

  let names: string[]
  let missing = 0
  if (files.includes('conversations.json')) names = ['conversations.json']
  else if (files.includes('index.json')) {
    const ids = await listedIds(at('index.json'))
    if (ids === null) {
      run.fail(path.join(label, 'index.json'), invalidImport('not a readable SDK store index'))
      return
    }
    names = []
    missing = 0
    for (const id of ids) {
      const name = `${id}.json`
      if (SAFE_SESSION_ID.test(id) && files.includes(name)) names.push(name)
      else {
        missing += 1
        run.fail(
          path.join(label, name),
          invalidImport(`index.json lists session ${id}, but its file is missing`),
        )
      }
    }
  } else names = files.filter((name) => READABLE.test(name) && !name.startsWith('.')).sort()
  if (names.length === 0 && missing === 0) {
    throw unsupportedImport('the folder holds no session files')
  }
  await importSources(run, await Promise.all(names.map(sourceFor)), importZip)
}
