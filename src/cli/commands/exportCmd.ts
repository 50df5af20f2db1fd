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

export const exportSession: CommandRun = async (ctx) => {
  if (ctx.flags.all === true) return exportAll(ctx)
  const given = ctx.args[0]
  if (given === undefined) {
    throw new MirrorError(
      'USAGE',
      'Missing ID. Usage: amos export ID [--format json|markdown] [--out FILE] | export --all --out FILE.zip',
    )
  }
  const format = ctx.flags.format === 'markdown' ? 'markdown' : 'json'
  const mirror = await ctx.mirror()
  const id = await mirror.sessions.resolveId(given)
  const includeSensitive = ctx.flags['include-sensitive'] === true
  // Sensitive texts live only in the vault; without the flag they are exported as placeholders.
  if (includeSensitive) await unlockVault(ctx, mirror)
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
