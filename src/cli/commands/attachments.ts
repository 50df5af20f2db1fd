import { rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { AttachmentIdSchema, isSealedId } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'
import { usageError } from '../args'
import type { CommandRun } from '../context'
import { EXIT_OK } from '../errors'
import { printJson } from '../output'
import { unlockVault } from '../vaultAccess'

/** `amos attachments get ATTACHMENT_ID --out FILE` */
export const get: CommandRun = async (ctx) => {
  const id = ctx.args[0]!
  const out = ctx.flags.out
  if (typeof out !== 'string') throw usageError('attachments get needs --out FILE.')
  if (!AttachmentIdSchema.safeParse(id).success) {
    throw new MirrorError('VALIDATION_FAILED', `${id} is not an attachment id.`)
  }
  const mirror = await ctx.mirror()
  if (isSealedId(id)) await unlockVault(ctx, mirror)
  const bytes = await mirror.attachments.read(id)
  const file = path.resolve(ctx.io.cwd, out)
  const temp = `${file}.${process.pid}.tmp`
  try {
    // Beside the target, then renamed: an interrupted write never leaves half a file.
    await writeFile(temp, bytes, { flag: 'wx' })
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new MirrorError('EXPORT_FAILED', `Cannot write ${out} (${code}).`)
  }
  if (ctx.globals.json) printJson(ctx.io.stdout, { id, out: file, size: bytes.length })
  else ctx.io.stdout.write(`Wrote ${bytes.length} bytes to ${out}\n`)
  return EXIT_OK
}
