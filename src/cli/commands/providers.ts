import type { ProviderInfo, ProviderKind } from '../../shared/routeGroups/providers'
import { DEFAULT_MODELS, PROVIDER_KIND_LABELS } from '../../shared/routeGroups/providers'
import { usageError } from '../args'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson, table } from '../output'
import { readSecret } from '../readSecret'

function keyState(p: ProviderInfo): string {
  if (p.builtIn || p.type === 'ollama') return '-'
  if (p.hasKey) return 'stored'
  return p.keyRequired ? 'missing' : 'none'
}

function providersTable(providers: ProviderInfo[]): string {
  const rows = [['', 'ID', 'TYPE', 'MODEL', 'KEY', 'BASE URL']]
  for (const p of providers) {
    rows.push([
      p.isDefault ? '*' : '',
      p.id,
      p.builtIn ? 'offline' : p.type,
      p.model,
      keyState(p),
      p.baseUrl ?? '',
    ])
  }
  return `${table(rows)}\n* default provider\n`
}

function printProvider(ctx: CommandContext, p: ProviderInfo, verb: string): number {
  if (ctx.globals.json) printJson(ctx.io.stdout, p)
  else {
    const key = keyState(p)
    ctx.io.stdout.write(
      `${verb} ${p.id}  ${p.label}  model ${p.model}${key === '-' ? '' : `  key ${key}`}` +
        `${p.isDefault ? '  (default)' : ''}\n`,
    )
  }
  return EXIT_OK
}

function flag(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.flags[name]
  return typeof value === 'string' ? value : undefined
}

function contextWindowFlag(ctx: CommandContext): number | undefined {
  const raw = flag(ctx, 'context-window')
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) {
    throw usageError(`--context-window must be a whole number of tokens (got "${raw}").`)
  }
  return value
}

export const list: CommandRun = async (ctx) => {
  const { providers } = await (await ctx.mirror()).providerSettings.list()
  if (ctx.globals.json) printJson(ctx.io.stdout, providers)
  else ctx.io.stdout.write(providersTable(providers))
  return EXIT_OK
}

export const add: CommandRun = async (ctx) => {
  const id = ctx.args[0]!
  const type = flag(ctx, 'type') as ProviderKind | undefined
  if (!type) throw usageError('Missing --type (openai, anthropic, ollama or openai-compatible).')
  const model = flag(ctx, 'model') ?? DEFAULT_MODELS[type]
  if (!model) throw usageError(`Missing --model: a ${PROVIDER_KIND_LABELS[type]} server needs one.`)
  const baseUrl = flag(ctx, 'base-url')
  const label = flag(ctx, 'label')
  const contextWindow = contextWindowFlag(ctx)
  const embeddingModel = flag(ctx, 'embedding-model')
  const info = await (
    await ctx.mirror()
  ).providerSettings.add({
    id,
    type,
    model,
    ...(label ? { label } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    ...(contextWindow ? { contextWindow } : {}),
    ...(embeddingModel ? { embeddingModel } : {}),
  })
  return printProvider(ctx, info, 'Added')
}

export const setKey: CommandRun = async (ctx) => {
  const id = ctx.args[0]!
  const settings = (await ctx.mirror()).providerSettings
  const key = await readSecret(ctx.io, `API key for ${id}: `)
  const info = await settings.setKey(id, key)
  if (ctx.globals.json) printJson(ctx.io.stdout, info)
  else ctx.io.stdout.write(`Key stored in the OS keychain for ${id}.\n`)
  return EXIT_OK
}

export const clearKey: CommandRun = async (ctx) => {
  const info = await (await ctx.mirror()).providerSettings.clearKey(ctx.args[0]!)
  if (ctx.globals.json) printJson(ctx.io.stdout, info)
  else ctx.io.stdout.write(`Key removed from the OS keychain for ${info.id}.\n`)
  return EXIT_OK
}

export const use: CommandRun = async (ctx) => {
  const list = await (await ctx.mirror()).providerSettings.setDefault(ctx.args[0]!)
  const chosen = list.providers.find((p) => p.id === list.defaultProviderId)!
  return printProvider(ctx, chosen, 'Default provider:')
}

export const remove: CommandRun = async (ctx) => {
  const id = ctx.args[0]!
  const { removed } = await (await ctx.mirror()).providerSettings.remove(id)
  if (!removed) {
    ctx.io.stderr.write(`PROVIDER_NOT_CONFIGURED: No provider with id ${id} is configured.\n`)
    return EXIT_FAILURE
  }
  if (ctx.globals.json) printJson(ctx.io.stdout, { id, removed: true })
  else ctx.io.stdout.write(`Removed ${id} (and its key, if one was stored)\n`)
  return EXIT_OK
}

export const models: CommandRun = async (ctx) => {
  const { models: names } = await (await ctx.mirror()).providerSettings.models(ctx.args[0]!)
  if (ctx.globals.json) printJson(ctx.io.stdout, names)
  else ctx.io.stdout.write(names.length > 0 ? `${names.join('\n')}\n` : 'No models listed.\n')
  return EXIT_OK
}

export const test: CommandRun = async (ctx) => {
  const result = await (await ctx.mirror()).providerSettings.test(ctx.args[0]!)
  if (ctx.globals.json) printJson(ctx.io.stdout, result)
  if (!result.ok) {
    ctx.io.stderr.write(`${result.error.code}: ${result.error.message}\n`)
    return EXIT_FAILURE
  }
  if (!ctx.globals.json) {
    const note = result.modelListed
      ? ''
      : ' (the server does not list the model; it may still serve it)'
    ctx.io.stdout.write(
      `Connected in ${result.latencyMs} ms, ${result.models.length} models${note}\n`,
    )
  }
  return EXIT_OK
}
