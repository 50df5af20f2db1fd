import type { Message, Pattern, UncertaintyLevel } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import type { MessageTurnOptions } from '../../main/services/contracts'
import type { CommandContext, CommandRun } from '../context'
import { truncateToWidth } from '../displayWidth'
import { EXIT_OK } from '../errors'
import { messageHeading, messageJson, printJson, sessionSummary } from '../output'
import { unlockIfOffered } from '../vaultAccess'
import { readStdin, streamReply } from './send'

/** --pattern, --uncertainty and --provider as options of this turn. */
function turnOptions(ctx: CommandContext): MessageTurnOptions {
  const { pattern, uncertainty, provider } = ctx.flags
  return {
    ...(typeof pattern === 'string' ? { pattern: pattern as Pattern } : {}),
    ...(typeof uncertainty === 'string' ? { uncertainty: uncertainty as UncertaintyLevel } : {}),
    ...(typeof provider === 'string' ? { providerId: provider } : {}),
  }
}

export const edit: CommandRun = async (ctx) => {
  const [given, rawText] = ctx.args as [string, string]
  const text = rawText === '-' ? await readStdin(ctx.io) : rawText
  const mirror = await ctx.mirror()
  const messageId = await mirror.sessions.resolveMessageId(given)
  // A sensitive message's new version goes to the vault, when it can be opened without asking.
  await unlockIfOffered(ctx, mirror)
  return streamReply(ctx, mirror, (listener) =>
    mirror.messages.edit({ messageId, text, ...turnOptions(ctx) }, listener),
  )
}

/** Regenerates the last message of the session's current path, which must be a reply. */
export const regenerate: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const sessionId = await mirror.sessions.resolveId(ctx.args[0]!)
  await unlockIfOffered(ctx, mirror)
  const last = (await mirror.sessions.messages(sessionId, { limit: 1 })).items[0]
  if (!last || last.role !== 'assistant') {
    throw new MirrorError(
      'VALIDATION_FAILED',
      'The last message of this session is not a reply, so there is nothing to regenerate.',
    )
  }
  return streamReply(ctx, mirror, (listener) =>
    mirror.messages.regenerate({ messageId: last.id, ...turnOptions(ctx) }, listener),
  )
}

function versionLine(m: Message, current: boolean): string {
  const firstLine = m.content.split('\n')[0] ?? ''
  const preview = truncateToWidth(firstLine, 60)
  const mark = current ? '*' : ' '
  return `${mark} ${m.versionIndex ?? '?'}/${m.versionCount ?? '?'}  ${m.id}  ${messageHeading(m).replace(/^── /, '')}\n    ${preview}\n`
}

export const versions: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const messageId = await mirror.sessions.resolveMessageId(ctx.args[0]!)
  await unlockIfOffered(ctx, mirror)
  const [list, current] = await Promise.all([
    mirror.messages.versions(messageId),
    mirror.messages.currentVersion(messageId),
  ])
  if (ctx.globals.json) {
    printJson(
      ctx.io.stdout,
      list.map((m) => ({ ...messageJson(m), current: m.id === current })),
    )
  } else {
    ctx.io.stdout.write(list.map((m) => versionLine(m, m.id === current)).join(''))
  }
  return EXIT_OK
}

export const switchTo: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const messageId = await mirror.sessions.resolveMessageId(ctx.args[0]!)
  const session = await mirror.messages.switch(messageId)
  if (ctx.globals.json) printJson(ctx.io.stdout, session)
  else ctx.io.stdout.write(`Switched to ${messageId} in ${sessionSummary(session)}`)
  return EXIT_OK
}

/** No Undo here: the token lives in the core, which ends with this command. */
export const remove: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const messageId = await mirror.sessions.resolveMessageId(ctx.args[0]!)
  const deleted = await mirror.messages.delete(messageId)
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, { messageId, removed: deleted.removed, session: deleted.session })
  } else {
    const what = deleted.removed === 1 ? '1 message' : `${deleted.removed} messages`
    ctx.io.stdout.write(`Deleted ${what} (${messageId} and everything below it)\n`)
  }
  return EXIT_OK
}

export const branch: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  // Copying sensitive messages needs their text from the vault.
  await unlockIfOffered(ctx, mirror)
  const session = await mirror.messages.branch(await mirror.sessions.resolveMessageId(ctx.args[0]!))
  if (ctx.globals.json) printJson(ctx.io.stdout, session)
  else ctx.io.stdout.write(`Created ${sessionSummary(session)}`)
  return EXIT_OK
}
