import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { MirrorError } from '../../shared/errors'
import type { Memory, MemoryScope, MemorySuggestion } from '../../shared/memory'
import { MemoryScopeSchema, MemoryTextSchema } from '../../shared/memory'
import type { Mirror } from '../../main/mirrorApi'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson, shortTime, table } from '../output'
import { unlockVault } from '../vaultAccess'
import { writeFileAtomic } from '../writeFileAtomic'

function say(ctx: CommandContext, text: string, json: unknown): number {
  if (ctx.globals.json) printJson(ctx.io.stdout, json)
  else ctx.io.stdout.write(`${text}\n`)
  return EXIT_OK
}

async function unlocked(ctx: CommandContext): Promise<Mirror> {
  const mirror = await ctx.mirror()
  await unlockVault(ctx, mirror)
  return mirror
}

/** `global`, `folder:ID`, `persona:ID`, `session:ID`. */
function parseScope(text: unknown): MemoryScope | undefined {
  if (typeof text !== 'string') return undefined
  const [kind, ...rest] = text.split(':')
  const parsed = MemoryScopeSchema.safeParse(
    kind === 'global' && rest.length === 0 ? { kind } : { kind, id: rest.join(':') },
  )
  if (!parsed.success) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      `Unknown scope "${text}": use global, folder:ID, persona:ID or session:ID.`,
    )
  }
  return parsed.data
}

function validText(text: string): string {
  const parsed = MemoryTextSchema.safeParse(text)
  if (!parsed.success) {
    throw new MirrorError('VALIDATION_FAILED', 'A memory is 1 to 2000 characters of text.')
  }
  return parsed.data
}

/** The one id that is `prefix` or starts with it. */
function resolveId(prefix: string, ids: readonly string[], what: string): string {
  if (ids.includes(prefix)) return prefix
  const found = ids.filter((id) => id.startsWith(prefix))
  if (found.length === 1) return found[0]!
  if (found.length === 0) throw new MirrorError('NOT_FOUND', `There is no ${what} ${prefix}.`)
  throw new MirrorError('VALIDATION_FAILED', `${prefix} could be ${found.length} ${what}s.`)
}

const scopeText = (s: MemoryScope): string => (s.kind === 'global' ? 'global' : `${s.kind}:${s.id}`)

function memoriesTable(memories: Memory[]): string {
  if (memories.length === 0) return 'No memories.'
  const rows = [['ID', 'SCOPE', 'LAST USED', 'TEXT']]
  for (const m of memories) {
    rows.push([m.id, scopeText(m.scope), m.lastUsedAt ? shortTime(m.lastUsedAt) : '', m.text])
  }
  return table(rows, [undefined, 24, undefined, 60])
}

function suggestionsTable(suggestions: MemorySuggestion[]): string {
  if (suggestions.length === 0) return 'No suggestions waiting.'
  const rows = [['ID', 'REASON', 'TEXT', 'UPDATES']]
  for (const s of suggestions) rows.push([s.id, s.reason, s.text, s.existingText ?? ''])
  return table(rows, [undefined, undefined, 60, 40])
}

export const list: CommandRun = async (ctx) => {
  const { memory } = await unlocked(ctx)
  if (ctx.flags.suggestions === true) {
    const waiting = await memory.suggestions()
    return say(ctx, suggestionsTable(waiting), waiting)
  }
  const memories = await memory.list(parseScope(ctx.flags.scope))
  return say(ctx, memoriesTable(memories), memories)
}

export const suggest: CommandRun = async (ctx) => {
  const mirror = await unlocked(ctx)
  const sessionId = await mirror.sessions.resolveId(ctx.args[0]!)
  const report = await mirror.memory.suggest(sessionId)
  const why = { temporary: 'it is a temporary chat', memoryOff: 'memory is off for it' }
  const text = report.skipped
    ? `Nothing drafted: ${why[report.skipped]}.`
    : `${suggestionsTable(report.suggestions)}\n${report.pending} suggestion(s) waiting (drafted by ${report.drafter}).`
  return say(ctx, text, report)
}

async function suggestionId(mirror: Mirror, prefix: string): Promise<string> {
  const ids = (await mirror.memory.suggestions()).map((s) => s.id)
  return resolveId(prefix, ids, 'suggestion')
}

async function memoryId(mirror: Mirror, prefix: string): Promise<string> {
  const ids = (await mirror.memory.list()).map((m) => m.id)
  return resolveId(prefix, ids, 'memory')
}

export const accept: CommandRun = async (ctx) => {
  const mirror = await unlocked(ctx)
  const id = await suggestionId(mirror, ctx.args[0]!)
  const text = typeof ctx.flags.text === 'string' ? validText(ctx.flags.text) : undefined
  const scope = parseScope(ctx.flags.scope)
  const memory = await mirror.memory.accept(id, {
    ...(text !== undefined && { text }),
    ...(scope && { scope }),
  })
  return say(ctx, `Remembered ${memory.id}: ${memory.text}`, memory)
}

export const reject: CommandRun = async (ctx) => {
  const mirror = await unlocked(ctx)
  const id = await suggestionId(mirror, ctx.args[0]!)
  const { pending } = await mirror.memory.reject(id)
  return say(ctx, `Rejected ${id}; it will not be suggested again.`, {
    id,
    rejected: true,
    pending,
  })
}

export const edit: CommandRun = async (ctx) => {
  const mirror = await unlocked(ctx)
  const id = await memoryId(mirror, ctx.args[0]!)
  const scope = parseScope(ctx.flags.scope)
  const memory = await mirror.memory.update(id, {
    text: validText(ctx.args[1]!),
    ...(scope && { scope }),
  })
  return say(ctx, `Updated ${memory.id}: ${memory.text}`, memory)
}

export const remove: CommandRun = async (ctx) => {
  const mirror = await unlocked(ctx)
  const id = await memoryId(mirror, ctx.args[0]!)
  await mirror.memory.delete(id)
  return say(ctx, `Deleted ${id}.`, { id, deleted: true })
}

export const exportFile: CommandRun = async (ctx) => {
  const mirror = await unlocked(ctx)
  const out = path.resolve(ctx.io.cwd, ctx.args[0]!)
  const content = await mirror.memory.exportFile()
  // Plain text memories: readable by the user only.
  await writeFileAtomic(out, content, 0o600)
  const count = (JSON.parse(content) as { memories: unknown[] }).memories.length
  return say(ctx, `Exported ${count} memories to ${out} (not encrypted).`, { out, count })
}

export const importFile: CommandRun = async (ctx) => {
  const shown = ctx.args[0]!
  let content: string
  try {
    content = await readFile(path.resolve(ctx.io.cwd, shown), 'utf8')
  } catch {
    throw new MirrorError('NOT_FOUND', `Cannot read ${shown}.`)
  }
  const report = await (await unlocked(ctx)).memory.importFile(content)
  say(ctx, `Imported ${report.added}; ${report.duplicates} already here.`, report)
  for (const e of report.errors) {
    ctx.io.stderr.write(`IMPORT_INVALID: record ${e.index}: ${e.message}; left out\n`)
  }
  return report.errors.length > 0 ? EXIT_FAILURE : EXIT_OK
}

export const localOnly: CommandRun = async (ctx) => {
  const { memory } = await ctx.mirror()
  const choice = ctx.args[0]
  if (choice !== undefined && choice !== 'on' && choice !== 'off') {
    throw new MirrorError('USAGE', 'Use `amos memory local-only on` or `off`.')
  }
  const settings =
    choice === undefined
      ? await memory.privacy()
      : await memory.setPrivacy({ localOnly: choice === 'on' })
  const text = settings.localOnly
    ? 'Memories and recall go only to local models.'
    : 'Memories and recall go to every model, cloud ones too.'
  return say(ctx, text, settings)
}
