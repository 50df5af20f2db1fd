import { rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { MirrorError } from '../../shared/errors'
import type { CommandRun } from '../context'
import { EXIT_OK } from '../errors'
import { printJson } from '../output'

export const exportSession: CommandRun = async (ctx) => {
  const id = ctx.args[0]!
  const format = ctx.flags.format === 'markdown' ? 'markdown' : 'json'
  const file = await (await ctx.mirror()).transfer.exportSession(id, format)
  if (typeof ctx.flags.out !== 'string') {
    ctx.io.stdout.write(file.content)
    return EXIT_OK
  }
  const out = path.resolve(ctx.io.cwd, ctx.flags.out)
  // Write beside the target, then rename: an interrupted export never leaves half a file.
  const temp = `${out}.${process.pid}.tmp`
  try {
    await writeFile(temp, file.content, 'utf8')
    await rename(temp, out)
  } catch (error) {
    await rm(temp, { force: true })
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new MirrorError('EXPORT_FAILED', `Cannot write ${ctx.flags.out} (${code}).`)
  }
  if (ctx.globals.json) printJson(ctx.io.stdout, { sessionId: id, format, out })
  else ctx.io.stdout.write(`Exported ${id} to ${out}\n`)
  return EXIT_OK
}
