import type { Pattern, UncertaintyLevel } from '../../shared/domain'
import type { Persona, SessionInstructionsView } from '../../shared/instructions'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_OK } from '../errors'
import { printJson, table } from '../output'
import { readStdin } from './send'

function flag(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.flags[name]
  return typeof value === 'string' ? value : undefined
}

function printView(ctx: CommandContext, view: SessionInstructionsView): number {
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, view)
    return EXIT_OK
  }
  const persona = view.persona
    ? `${view.persona.name}${view.persona.removed ? ' (removed; the session uses no persona)' : ''}`
    : 'none'
  const how =
    view.mode === 'replace' ? 'replace the global instructions' : 'add to the global instructions'
  const text = view.text.trim() ? view.text : '(none)'
  ctx.io.stdout.write(
    `Session ${view.sessionId}\npersona: ${persona}\nsession instructions (${how}):\n${text}\n`,
  )
  return EXIT_OK
}

/** `sessions instructions ID [TEXT]`: without TEXT, shows them; "" clears them. */
export const sessionInstructions: CommandRun = async (ctx) => {
  const [idOrPrefix, rawText] = ctx.args as [string, string | undefined]
  const api = await ctx.mirror()
  const sessionId = await api.sessions.resolveId(idOrPrefix)
  if (rawText === undefined) return printView(ctx, await api.instructions.session(sessionId))
  const text = rawText === '-' ? await readStdin(ctx.io) : rawText
  const mode = ctx.flags.replace === true ? 'replace' : 'add'
  return printView(ctx, await api.instructions.setSession(sessionId, { text, mode }))
}

/** `instructions [TEXT]`: Settings → Instructions; without TEXT, shows them; "" clears them. */
export const globalInstructions: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).instructions
  const rawText = ctx.args[0]
  const result =
    rawText === undefined
      ? await api.getGlobal()
      : await api.setGlobal(rawText === '-' ? await readStdin(ctx.io) : rawText)
  if (ctx.globals.json) printJson(ctx.io.stdout, result)
  else ctx.io.stdout.write(result.text.trim() ? `${result.text}\n` : '(no instructions)\n')
  return EXIT_OK
}

function personasTable(personas: Persona[]): string {
  if (personas.length === 0) return 'No personas.\n'
  const rows = [['NAME', 'PATTERN', 'UNCERTAINTY', 'PROVIDER', 'INSTRUCTIONS', 'ID']]
  for (const p of personas) {
    rows.push([
      p.name,
      p.pattern,
      p.uncertainty,
      p.providerId ? `${p.providerId}${p.model ? `/${p.model}` : ''}` : 'default',
      p.instructions.replace(/\s+/g, ' ').trim() || '-',
      p.id,
    ])
  }
  return `${table(rows, [undefined, undefined, undefined, undefined, 40])}\n`
}

export const personasList: CommandRun = async (ctx) => {
  const personas = await (await ctx.mirror()).instructions.listPersonas()
  if (ctx.globals.json) printJson(ctx.io.stdout, personas)
  else ctx.io.stdout.write(personasTable(personas))
  return EXIT_OK
}

export const personasAdd: CommandRun = async (ctx) => {
  const raw = flag(ctx, 'instructions')
  const instructions = raw === '-' ? await readStdin(ctx.io) : raw
  const provider = flag(ctx, 'provider')
  const model = flag(ctx, 'model')
  const persona = await (
    await ctx.mirror()
  ).instructions.addPersona({
    name: ctx.args[0]!,
    ...(instructions !== undefined ? { instructions } : {}),
    ...(ctx.flags.pattern ? { pattern: ctx.flags.pattern as Pattern } : {}),
    ...(ctx.flags.uncertainty ? { uncertainty: ctx.flags.uncertainty as UncertaintyLevel } : {}),
    ...(provider ? { providerId: provider } : {}),
    ...(model ? { model } : {}),
  })
  if (ctx.globals.json) printJson(ctx.io.stdout, persona)
  else ctx.io.stdout.write(`Added persona "${persona.name}" (${persona.id})\n`)
  return EXIT_OK
}

export const personasRemove: CommandRun = async (ctx) => {
  const api = (await ctx.mirror()).instructions
  const persona = await api.findPersona(ctx.args[0]!)
  await api.removePersona(persona.id)
  if (ctx.globals.json)
    printJson(ctx.io.stdout, { id: persona.id, name: persona.name, removed: true })
  else
    ctx.io.stdout.write(
      `Removed persona "${persona.name}"; sessions that used it keep working without it.\n`,
    )
  return EXIT_OK
}
