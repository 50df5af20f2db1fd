import path from 'node:path'
import { MirrorError } from '../../shared/errors'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_OK } from '../errors'
import { printJson } from '../output'
import { unlockVault } from '../vaultAccess'
import { writeFileAtomic } from '../writeFileAtomic'

async function exportAll(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0) {
    throw new MirrorError(
      'USAGE',
      'Give either ID or --all. Usage: amos export --all --out FILE.zip',
    )
  }
  if (typeof ctx.flags.out !== 'string') {
    throw new MirrorError(
      'USAGE',
      'Missing --out FILE.zip. Usage: amos export --all --out FILE.zip',
    )
  }
  if (ctx.flags.format !== undefined) {
    throw new MirrorError('USAGE', '--format does not apply to --all (the zip holds JSON files).')
  }
  const out = path.resolve(ctx.io.cwd, ctx.flags.out)
  const count = await (await ctx.mirror()).transfer.writeAllZip(out)
  if (ctx.globals.json) printJson(ctx.io.stdout, { sessions: count, format: 'zip', out })
  else ctx.io.stdout.write(`Exported ${count} sessions to ${out}\n`)
  return EXIT_OK
}

/** `--format zip` (native JSON) and `markdown-zip`: the session file and its attachments. */
const ZIP_FORMATS: Record<string, 'json' | 'markdown' | undefined> = {
  zip: 'json',
  'markdown-zip': 'markdown',
}

async function exportZip(
  ctx: CommandContext,
  id: string,
  format: 'json' | 'markdown',
  includeSensitive: boolean,
): Promise<number> {
  const out = path.resolve(ctx.io.cwd, String(ctx.flags.out))
  const mirror = await ctx.mirror()
  const result = await mirror.transfer.writeSessionZip(id, format, out, { includeSensitive })
  for (const missing of result.missingAttachments) {
    ctx.io.stderr.write(
      `NOT_FOUND: attachment ${missing} is not stored here; left out of the zip\n`,
    )
  }
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, {
      sessionId: id,
      format: String(ctx.flags.format),
      out,
      attachments: result.attachments,
      missingAttachments: result.missingAttachments,
    })
  } else {
    ctx.io.stdout.write(`Exported ${id} with ${result.attachments} attachments to ${out}\n`)
  }
  return EXIT_OK
}

export const exportSession: CommandRun = async (ctx) => {
  if (ctx.flags.all === true) return exportAll(ctx)
  const given = ctx.args[0]
  if (given === undefined) {
    throw new MirrorError(
      'USAGE',
      'Missing ID. Usage: amos export ID [--format json|markdown|zip|markdown-zip] [--out FILE] | export --all --out FILE.zip',
    )
  }
  const format = ctx.flags.format === 'markdown' ? 'markdown' : 'json'
  const zipped = ZIP_FORMATS[String(ctx.flags.format)]
  if (zipped && typeof ctx.flags.out !== 'string') {
    throw new MirrorError(
      'USAGE',
      `Missing --out FILE.zip. Usage: amos export ID --format ${String(ctx.flags.format)} --out FILE.zip`,
    )
  }
  const mirror = await ctx.mirror()
  const id = await mirror.sessions.resolveId(given)
  const includeSensitive = ctx.flags['include-sensitive'] === true
  // Sensitive texts live only in the vault; without the flag they are exported as placeholders.
  if (includeSensitive) await unlockVault(ctx, mirror)
  if (zipped) return exportZip(ctx, id, zipped, includeSensitive)
  const file = await mirror.transfer.exportSession(id, format, { includeSensitive })
  if (typeof ctx.flags.out !== 'string') {
    ctx.io.stdout.write(file.content)
    return EXIT_OK
  }
  const out = path.resolve(ctx.io.cwd, ctx.flags.out)
  await writeFileAtomic(out, file.content)
  if (ctx.globals.json) printJson(ctx.io.stdout, { sessionId: id, format, out })
  else ctx.io.stdout.write(`Exported ${id} to ${out}\n`)
  return EXIT_OK
}
