import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ImportFile } from '../../main/services/contracts'
import type { ImportReport } from '../../shared/routes'
import type { CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson, table } from '../output'

const MAX_BYTES = 50 * 1024 * 1024

type Failure = ImportReport['failed'][number]

async function readOne(name: string, cwd: string): Promise<ImportFile | Failure> {
  const full = path.resolve(cwd, name)
  try {
    const info = await stat(full)
    if (info.isDirectory())
      return { file: name, code: 'IMPORT_INVALID', reason: 'it is a folder, not a file' }
    if (info.size > MAX_BYTES)
      return { file: name, code: 'IMPORT_INVALID', reason: 'larger than 50 MB' }
    return { name, content: await readFile(full, 'utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT'
      ? { file: name, code: 'NOT_FOUND', reason: 'no such file' }
      : { file: name, code: 'IMPORT_INVALID', reason: `cannot read the file (${code ?? 'error'})` }
  }
}

export const importFiles: CommandRun = async (ctx) => {
  const read = await Promise.all(ctx.args.map((name) => readOne(name, ctx.io.cwd)))
  const files = read.filter((r): r is ImportFile => 'content' in r)
  const unreadable = read.filter((r): r is Failure => !('content' in r))
  const report: ImportReport =
    files.length > 0
      ? await (await ctx.mirror()).transfer.importFiles(files)
      : { imported: [], skipped: [], failed: [] }
  // Keep the failures in argument order.
  const order = new Map(ctx.args.map((name, i) => [name, i]))
  report.failed = [...unreadable, ...report.failed].sort(
    (a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0),
  )

  const out = ctx.io.stdout
  if (ctx.globals.json) printJson(out, report)
  else {
    const rows = [
      ...report.imported.map((r) => ['imported', r.file, r.sessionId, r.title]),
      ...report.skipped.map((r) => ['skipped', r.file, r.sessionId, r.reason]),
    ]
    if (rows.length > 0) out.write(`${table(rows)}\n`)
    out.write(
      `${report.imported.length} imported, ${report.skipped.length} skipped, ${report.failed.length} failed.\n`,
    )
  }
  for (const f of report.failed) ctx.io.stderr.write(`${f.code}: ${f.file}: ${f.reason}\n`)
  return report.failed.length > 0 ? EXIT_FAILURE : EXIT_OK
}
