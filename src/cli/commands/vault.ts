import path from 'node:path'
import { MirrorError } from '../../shared/errors'
import type { VaultCategory, VaultEntry, VaultStatus, VaultValue } from '../../shared/vault'
import { MIN_VAULT_PASSWORD_LENGTH, passwordStrength } from '../../shared/vault'
import type { CliIo, CommandContext, CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson, shortTime, table } from '../output'
import {
  backupPassword,
  chosenPassword,
  currentPassword,
  NEW_PASSWORD_ENV,
  PASSWORD_ENV,
  unlockVault,
} from '../vaultAccess'
import { writeFileAtomic } from '../writeFileAtomic'

export { importSdk } from './vaultImportSdk'

export { check } from './vaultCheck'

function say(ctx: CommandContext, text: string, json: unknown): number {
  if (ctx.globals.json) printJson(ctx.io.stdout, json)
  else ctx.io.stdout.write(`${text}\n`)
  return EXIT_OK
}

async function readStdin(io: CliIo): Promise<string> {
  let text = ''
  for await (const chunk of io.stdin)
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
  return text.replace(/\r?\n$/, '')
}

function statusText(status: VaultStatus): string {
  if (!status.initialized) return 'Vault: not set up (run `amos vault init`).'
  return [
    `Vault: set up (id ${status.vaultId})`,
    `Remembered on this device: ${status.remembered ? 'yes' : 'no'}`,
    'Locked: the command line unlocks it only for the command that needs it.',
  ].join('\n')
}

function valueText(value: VaultValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2)
}

function entriesTable(entries: VaultEntry[]): string {
  if (entries.length === 0) return 'No entries.'
  const rows = [['KEY', 'CATEGORY', 'TAGS', 'IN CONVERSATIONS', 'UPDATED']]
  for (const e of entries) {
    rows.push([
      e.key,
      e.category,
      e.tags.join(','),
      e.useInConversations ? 'yes' : '',
      shortTime(e.updatedAt),
    ])
  }
  return table(rows)
}

async function unlocked(ctx: CommandContext) {
  const mirror = await ctx.mirror()
  await unlockVault(ctx, mirror)
  return mirror
}

export const init: CommandRun = async (ctx) => {
  const { vault } = await ctx.mirror()
  if ((await vault.status()).initialized) {
    throw new MirrorError('VALIDATION_FAILED', 'A vault already exists in this data dir.')
  }
  const password = await chosenPassword(ctx, [PASSWORD_ENV, NEW_PASSWORD_ENV])
  if (password.length >= MIN_VAULT_PASSWORD_LENGTH && !ctx.globals.json) {
    ctx.io.stderr.write(`Password strength: ${passwordStrength(password).hint}\n`)
  }
  let status = await vault.init(password)
  if (ctx.flags.remember === true) status = await vault.remember(true)
  return say(ctx, `Vault created (id ${status.vaultId}).`, status)
}

export const status: CommandRun = async (ctx) => {
  const current = await (await ctx.mirror({ unlockHistory: false })).vault.status()
  return say(ctx, statusText(current), current)
}

export const unlock: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  const method = await unlockVault(ctx, mirror)
  let current = await mirror.vault.status()
  if (ctx.flags.remember === true) current = await mirror.vault.remember(true)
  const how = method === 'keychain' ? "with this device's keychain" : 'the password is correct'
  const remembered = ctx.flags.remember === true ? ' This device now remembers the key.' : ''
  return say(ctx, `Unlocked: ${how}.${remembered}`, { ...current, method })
}

export const lock: CommandRun = async (ctx) => {
  const { vault } = await ctx.mirror()
  if (ctx.flags.forget === true) {
    const current = await vault.remember(false)
    return say(ctx, 'Locked, and this device no longer remembers the key.', current)
  }
  vault.lock('manual')
  const current = await vault.status()
  return say(
    ctx,
    'Locked. The command line keeps no key between commands; use --forget to also remove the ' +
      "key from this device's keychain.",
    current,
  )
}

export const set: CommandRun = async (ctx) => {
  const [key, raw] = ctx.args as [string, string]
  const text = raw === '-' ? await readStdin(ctx.io) : raw
  let value: VaultValue = text
  if (ctx.flags['json-value'] === true) {
    try {
      value = JSON.parse(text) as VaultValue
    } catch {
      throw new MirrorError('VALIDATION_FAILED', 'VALUE is not valid JSON (--json-value).')
    }
  }
  const tags =
    typeof ctx.flags.tags === 'string'
      ? ctx.flags.tags
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : undefined
  const use = ctx.flags['use-in-conversations']
  const { vault } = await unlocked(ctx)
  const entry = await vault.set(key, value, {
    category: ctx.flags.category as VaultCategory | undefined,
    tags,
    useInConversations: use === undefined ? undefined : use === 'yes',
  })
  return say(ctx, `Saved ${entry.key} (${entry.category}).`, entry)
}

export const get: CommandRun = async (ctx) => {
  const key = ctx.args[0]!
  const entry = await (await unlocked(ctx)).vault.get(key)
  if (!entry) throw new MirrorError('NOT_FOUND', `The vault has no entry "${key}".`)
  return say(ctx, valueText(entry.value), entry)
}

export const list: CommandRun = async (ctx) => {
  const category = ctx.flags.category as VaultCategory | undefined
  const entries = await (await unlocked(ctx)).vault.list({ category })
  return say(ctx, entriesTable(entries), entries)
}

export const search: CommandRun = async (ctx) => {
  const query = ctx.args.join(' ')
  const entries = await (await unlocked(ctx)).vault.search(query)
  return say(ctx, entriesTable(entries), entries)
}

export const remove: CommandRun = async (ctx) => {
  const key = ctx.args[0]!
  const deleted = await (await unlocked(ctx)).vault.delete(key)
  if (!deleted) throw new MirrorError('NOT_FOUND', `The vault has no entry "${key}".`)
  return say(ctx, `Deleted ${key}.`, { key, deleted })
}

export const stats: CommandRun = async (ctx) => {
  const s = await (await unlocked(ctx)).vault.stats()
  const lines = [`Entries: ${s.total}`, `Sensitive messages: ${s.messages}`]
  for (const [category, count] of Object.entries(s.byCategory)) {
    if (count > 0) lines.push(`  ${category}: ${count}`)
  }
  return say(ctx, lines.join('\n'), s)
}

export const backup: CommandRun = async (ctx) => {
  const out = path.resolve(ctx.io.cwd, ctx.args[0]!)
  // Nothing is decrypted: the backup opens with the vault's password, so no unlock is needed.
  const content = await (await ctx.mirror()).vault.exportBackup()
  await writeFileAtomic(out, content, 0o600)
  return say(ctx, `Backed up the vault to ${out}.`, { out })
}

export const restore: CommandRun = async (ctx) => {
  const shown = ctx.args[0]!
  const mirror = await ctx.mirror()
  const content = await mirror.vault.readBackupFile(path.resolve(ctx.io.cwd, shown), shown)
  const mode = ctx.flags.merge === true ? 'merge' : 'new'
  if (mode === 'merge') await unlockVault(ctx, mirror)
  const report = await mirror.vault.restoreBackup(content, await backupPassword(ctx), mode)
  const text =
    mode === 'new'
      ? `Restored the vault (${report.added} records).`
      : `Merged: ${report.added} added, ${report.updated} updated, ${report.kept} kept.`
  say(ctx, text, report)
  // The rest was restored; each damaged record is named, and the exit code says it is incomplete.
  for (const d of report.damaged) {
    ctx.io.stderr.write(`VAULT_CORRUPT: backup record ${d.id}: ${d.reason}; left out\n`)
  }
  return report.damaged.length > 0 ? EXIT_FAILURE : EXIT_OK
}

export const changePassword: CommandRun = async (ctx) => {
  const { vault } = await ctx.mirror()
  if (!(await vault.status()).initialized) {
    throw new MirrorError('VAULT_NOT_INITIALIZED', 'There is no vault yet: run `amos vault init`.')
  }
  const old = await currentPassword(ctx, 'Current vault password: ')
  const next = await chosenPassword(ctx, [NEW_PASSWORD_ENV])
  await vault.changePassword(old, next)
  return say(ctx, 'Password changed.', { changed: true })
}
