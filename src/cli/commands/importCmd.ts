import type { ImportProgressInfo } from '../../main/services/contracts'
import type { ImportReport } from '../../shared/routes'
import type { CliOutput, CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson, table } from '../output'
import { unlockIfOffered } from '../vaultAccess'

const MB = 1024 * 1024

/** One self-overwriting line on a terminal's stderr; nothing when stderr is a pipe or file. */
function progressLine(stderr: CliOutput) {
  let shown = false
  return {
    update(p: ImportProgressInfo) {
      if (!stderr.isTTY || p.total === 0) return
      const percent = Math.floor((p.bytesRead / p.total) * 100)
      const sizes = `${(p.bytesRead / MB).toFixed(1)} of ${(p.total / MB).toFixed(1)} MB`
      stderr.write(`\r\x1b[2KImporting… ${percent}% (${sizes}), ${p.sessionsImported} sessions`)
      shown = true
    },
    clear() {
      if (shown) stderr.write('\r\x1b[2K')
    },
  }
}

// Report rows belong to the argument they came from (a folder's or zip's files start with it).
function argumentIndex(args: string[], file: string): number {
  const exact = args.indexOf(file)
  if (exact >= 0) return exact
  const i = args.findIndex((arg) => file.startsWith(`${arg}/`) || file.startsWith(`${arg}\\`))
  return i >= 0 ? i : args.length
}

export const importFiles: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  // Sensitive messages in a file go to the vault: open it when a password is offered.
  await unlockIfOffered(ctx, mirror)
  const progress = progressLine(ctx.io.stderr)
  const controller = new AbortController()
  // Ctrl-C stops after the conversation being written; what was imported stays.
  const offInterrupt = ctx.io.onInterrupt(() => controller.abort())
  let report: ImportReport
  try {
    report = await mirror.transfer.importPaths(ctx.args, {
      cwd: ctx.io.cwd,
      signal: controller.signal,
      onProgress: (p) => progress.update(p),
    })
  } finally {
    offInterrupt()
    progress.clear()
  }
  const order = (file: string) => argumentIndex(ctx.args, file)
  report.failed = report.failed
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order(a.f.file) - order(b.f.file) || a.i - b.i)
    .map(({ f }) => f)

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
  if (report.cancelled) {
    ctx.io.stderr.write(
      `CANCELLED: Import stopped; ${report.imported.length} sessions were imported before it.\n`,
    )
  }
  return report.failed.length > 0 || report.cancelled ? EXIT_FAILURE : EXIT_OK
}
