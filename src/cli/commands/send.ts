import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Pattern, UncertaintyLevel } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import { SessionPreferencesSchema } from '../../shared/routes'
import type { Session } from '../../shared/domain'
import type { ChatListener, ChatOutcome } from '../../main/services/contracts'
import type { Mirror } from '../../main/mirrorApi'
import type { CommandContext, CommandRun, CliIo } from '../context'
import { errorInfoLine, EXIT_FAILURE, EXIT_OK } from '../errors'
import { messageJson, printJson } from '../output'
import { unlockIfOffered, unlockVault } from '../vaultAccess'

/** TEXT `-`: the message is read from standard input (its last newline dropped). */
export async function readStdin(io: CliIo): Promise<string> {
  let text = ''
  for await (const chunk of io.stdin)
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
  return text.replace(/\r?\n$/, '')
}

function remembered(session: Session): { pattern: Pattern; uncertainty: UncertaintyLevel } {
  const parsed = SessionPreferencesSchema.safeParse(session.metadata.preferences)
  return parsed.success ? parsed.data : { pattern: 'exploratory', uncertainty: 'none' }
}

export const send: CommandRun = async (ctx) => {
  const [idOrPrefix, rawText] = ctx.args as [string, string]
  const text = rawText === '-' ? await readStdin(ctx.io) : rawText
  const mirror = await ctx.mirror()
  const sessionId = await mirror.sessions.resolveId(idOrPrefix)
  // A sensitive message needs the vault; otherwise it is used (memories) only if offered.
  if (ctx.flags.sensitive === true) await unlockVault(ctx, mirror)
  else await unlockIfOffered(ctx, mirror)
  const session = await mirror.sessions.get(sessionId)
  const defaults = remembered(session)
  const attachments = await stageFiles(ctx, mirror)
  // A new session's automatic title is stored before the command exits (never printed).
  let titled: Promise<unknown> = Promise.resolve()
  const code = await streamReply(ctx, mirror, async (listener) => {
    const started = await mirror.chat.send(
      {
        sessionId,
        text,
        pattern: (ctx.flags.pattern as Pattern | undefined) ?? defaults.pattern,
        uncertainty:
          (ctx.flags.uncertainty as UncertaintyLevel | undefined) ?? defaults.uncertainty,
        sensitive: ctx.flags.sensitive === true,
        providerId: typeof ctx.flags.provider === 'string' ? ctx.flags.provider : undefined,
        attachments,
        withoutImages: ctx.flags['without-images'] === true,
      },
      listener,
    )
    titled = started.titled
    return started
  })
  await titled
  return code
}

/**
 * Stages each `--attach FILE` (checked by content and size, nothing stored yet); the staged ids
 * go with the message. A file too large for any kind is refused before it is read.
 */
async function stageFiles(ctx: CommandContext, mirror: Mirror): Promise<string[]> {
  const files = ctx.flags.attach
  if (!Array.isArray(files)) return []
  const staged: string[] = []
  for (const given of files) {
    const file = path.resolve(ctx.io.cwd, given)
    const name = path.basename(file)
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) throw new MirrorError('NOT_FOUND', `${given}: no such file.`)
    mirror.attachments.checkSize(name, info.size)
    staged.push(mirror.attachments.stage(name, await readFile(file)).stagedId)
  }
  return staged
}

/**
 * Streams a reply (chat.send, messages.edit, messages.regenerate) to stdout as it arrives; with
 * --json prints the final message object instead. Ctrl-C stops it (what arrived is kept).
 */
export async function streamReply(
  ctx: CommandContext,
  mirror: Mirror,
  start: (
    listener: ChatListener,
  ) => Promise<{ requestId: string; completion: Promise<ChatOutcome> }>,
): Promise<number> {
  const json = ctx.globals.json
  const out = ctx.io.stdout
  let streamed = ''
  const { requestId, completion } = await start({
    delta: ({ text: piece }) => {
      streamed += piece
      if (!json) out.write(piece)
    },
  })
  const stopListening = ctx.io.onInterrupt(() => mirror.chat.cancel(requestId))
  const outcome = await completion.finally(stopListening)

  if (!json && streamed.length > 0 && !streamed.endsWith('\n')) out.write('\n')
  if (outcome.error) {
    ctx.io.stderr.write(`${errorInfoLine(outcome.error)}\n`)
    return EXIT_FAILURE
  }
  if (json) printJson(out, outcome.message && messageJson(outcome.message))
  return EXIT_OK
}
