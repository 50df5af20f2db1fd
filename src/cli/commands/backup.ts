import path from 'node:path'
import type { BackupCount, BackupPreview } from '../../shared/routeGroups/backup'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson } from '../output'
import { backupPassword, unlockVault } from '../vaultAccess'

function say(ctx: CommandContext, text: string, json: unknown): void {
  if (ctx.globals.json) printJson(ctx.io.stdout, json)
  else ctx.io.stdout.write(`${text}\n`)
}

const line = (label: string, c: BackupCount): string =>
  `${label.padEnd(16)}${String(c.total).padStart(7)} in backup, ${c.new} new, ${c.present} already here`

function previewText(p: BackupPreview): string {
  return [
    `Backup of ${p.createdAt}; restoring into ${p.target === 'empty' ? 'an empty data dir' : 'existing data (merge by ids)'}.`,
    line('Sessions', p.sessions),
    line('Messages', p.messages),
    line('Folders', p.folders),
    line('Vault entries', p.vaultEntries),
    line('Log entries', p.logEntries),
    line('Attachments', p.attachments),
  ].join('\n')
}

/** `amos backup create [--out FILE]`: unlocks the vault (its key seals the file) and writes it. */
export const create: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  await unlockVault(ctx, mirror)
  const out = typeof ctx.flags.out === 'string' ? path.resolve(ctx.io.cwd, ctx.flags.out) : null
  const folder = (await mirror.backup.status()).folder ?? ctx.io.cwd
  const created = await mirror.backup.create(out ? { file: out } : { folder })
  const { sessions, messages, vaultRecords, logEntries, attachments } = created.counts
  say(
    ctx,
    `Backed up to ${created.file} (${sessions} sessions, ${messages} messages, ${vaultRecords} vault records, ${logEntries} log entries, ${attachments} attachments).`,
    created,
  )
  return EXIT_OK
}

/** `amos backup restore FILE [--dry-run]`: checks the whole file, shows the counts, then restores. */
export const restore: CommandRun = async (ctx) => {
  const file = path.resolve(ctx.io.cwd, ctx.args[0]!)
  const mirror = await ctx.mirror()
  if ((await mirror.vault.status()).initialized) await unlockVault(ctx, mirror)
  const password = await backupPassword(ctx)
  if (ctx.flags['dry-run'] === true) {
    const preview = await mirror.backup.preview(file, password)
    say(ctx, `${previewText(preview)}\nDry run: nothing was written.`, preview)
    return EXIT_OK
  }
  const report = await mirror.backup.restore(file, password)
  say(ctx, `${previewText(report)}\nRestored.`, report)
  for (const d of report.damagedVaultRecords) {
    ctx.io.stderr.write(`VAULT_CORRUPT: backup record ${d.id}: ${d.reason}; left out\n`)
  }
  return report.damagedVaultRecords.length > 0 ? EXIT_FAILURE : EXIT_OK
}
