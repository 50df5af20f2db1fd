import type { Message, Session, SessionPage } from '../../shared/domain'
import type { SessionApi } from '../../main/services/contracts'
import { usageError } from '../args'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { messageJson, printJson, sessionDetail, sessionsTable, sessionSummary } from '../output'
import { unlockIfOffered } from '../vaultAccess'

export { sessionInstructions as instructions } from './instructions'

const PAGE = 500

async function allSessions(
  api: SessionApi,
  archived: boolean | 'all',
  folderId?: string,
): Promise<Session[]> {
  const out: Session[] = []
  let cursor: string | null = null
  do {
    const page: SessionPage = await api.list({ archived, limit: PAGE, cursor, folderId })
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

/** Every message of a session, oldest first. */
export async function allMessages(api: SessionApi, id: string): Promise<Message[]> {
  const pages: Message[][] = []
  let before: string | null = null
  for (;;) {
    const page = await api.messages(id, { limit: PAGE, before })
    pages.unshift(page.items)
    const first = page.items[0]
    if (!page.hasOlder || !first) return pages.flat()
    before = first.id
  }
}

function printSession(ctx: CommandContext, session: Session, verb: string): number {
  if (ctx.globals.json) printJson(ctx.io.stdout, session)
  else ctx.io.stdout.write(`${verb} ${sessionSummary(session)}`)
  return EXIT_OK
}

/**
 * Lists what could be read. Files the store could not load (a corrupt session file in a JSON
 * store) are named on stderr, one line each, and make the exit code 1: the list is incomplete.
 */
export const list: CommandRun = async (ctx) => {
  if (ctx.flags.archived && ctx.flags.all) throw usageError('Use --archived or --all, not both.')
  const archived = ctx.flags.all ? 'all' : ctx.flags.archived === true
  const mirror = await ctx.mirror()
  const folder =
    typeof ctx.flags.folder === 'string' ? await mirror.folders.resolve(ctx.flags.folder) : null
  const sessions = await allSessions(mirror.sessions, archived, folder?.id)
  if (ctx.globals.json) printJson(ctx.io.stdout, sessions)
  else ctx.io.stdout.write(sessionsTable(sessions))
  const problems = await mirror.sessions.problems()
  for (const p of problems) {
    ctx.io.stderr.write(`STORAGE_CORRUPT: ${p.location}: ${p.reason} (left as it is)\n`)
  }
  return problems.length > 0 ? EXIT_FAILURE : EXIT_OK
}

export const create: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const title = ctx.args[0]
  const wanted = typeof ctx.flags.persona === 'string' ? ctx.flags.persona : undefined
  const session = wanted
    ? await mirror.instructions.createSession({
        ...(title !== undefined ? { title } : {}),
        personaId: (await mirror.instructions.findPersona(wanted)).id,
      })
    : await mirror.sessions.create({ title })
  return printSession(ctx, session, 'Created')
}

export const show: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  // Sensitive messages show their text only when the vault can be opened without asking.
  await unlockIfOffered(ctx, mirror)
  const api = mirror.sessions
  const session = await api.get(await api.resolveId(ctx.args[0]!))
  const messages = await allMessages(api, session.id)
  if (ctx.globals.json)
    printJson(ctx.io.stdout, { ...session, messages: messages.map(messageJson) })
  else ctx.io.stdout.write(sessionDetail(session, messages))
  return EXIT_OK
}

export const rename: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).sessions
  const session = await api.rename(await api.resolveId(ctx.args[0]!), ctx.args[1]!)
  return printSession(ctx, session, 'Renamed')
}

export const pin: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const session = await mirror.folders.pin(await mirror.sessions.resolveId(ctx.args[0]!))
  return printSession(ctx, session, 'Pinned')
}

export const unpin: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const session = await mirror.folders.unpin(await mirror.sessions.resolveId(ctx.args[0]!))
  return printSession(ctx, session, 'Unpinned')
}

/** `move ID FOLDER` (a name or id), or `move ID --none` to take it out of its folder. */
export const move: CommandRun = async (ctx) => {
  const target = ctx.args[1]
  if (target === undefined && ctx.flags.none !== true) {
    throw usageError('Name the FOLDER to move the session to, or give --none.')
  }
  if (target !== undefined && ctx.flags.none === true) {
    throw usageError('Give a FOLDER or --none, not both.')
  }
  const mirror = await ctx.mirror()
  const id = await mirror.sessions.resolveId(ctx.args[0]!)
  const folder = target === undefined ? null : await mirror.folders.resolve(target)
  const session = await mirror.folders.move(id, folder?.id ?? null)
  if (ctx.globals.json) printJson(ctx.io.stdout, session)
  else {
    const where = folder ? `to folder "${folder.name}"` : 'out of its folder'
    ctx.io.stdout.write(`Moved ${session.id}  "${session.title}" ${where}
`)
  }
  return EXIT_OK
}

export const archive: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).sessions
  const session = await api.archive(await api.resolveId(ctx.args[0]!))
  return printSession(ctx, session, 'Archived')
}

export const unarchive: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).sessions
  const session = await api.unarchive(await api.resolveId(ctx.args[0]!))
  return printSession(ctx, session, 'Unarchived')
}

export const remove: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).sessions
  const id = await api.resolveId(ctx.args[0]!)
  await api.delete(id)
  if (ctx.globals.json) printJson(ctx.io.stdout, { id, deleted: true })
  else ctx.io.stdout.write(`Deleted ${id}\n`)
  return EXIT_OK
}
