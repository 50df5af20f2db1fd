import type { VaultDamagedRecord, VaultDamageReason } from '../../shared/vault'
import type { CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson, table } from '../output'
import { unlockVault } from '../vaultAccess'

const REASONS: Record<VaultDamageReason, string> = {
  brokenRow: 'the stored row is not a vault record',
  integrity: 'failed its integrity check (altered, truncated or moved)',
  notJson: 'decrypts to something that is not JSON',
  wrongShape: 'decrypts to something that is not this record',
}

function damagedTable(records: readonly VaultDamagedRecord[]): string {
  const rows = [['ID', 'KIND', 'REASON']]
  for (const r of records) rows.push([r.id, r.kind, `${r.reason}: ${REASONS[r.reason]}`])
  return table(rows)
}

const plural = (n: number): string => `${n} damaged record${n === 1 ? '' : 's'}`

/**
 * `amos vault check [--quarantine]`: lists the records the vault skips because they cannot be
 * read (exit 1 when there are any), or moves them into the quarantine.
 */
export const check: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror()
  await unlockVault(ctx, mirror)
  const { vault } = mirror
  const out = ctx.io.stdout
  if (ctx.flags.quarantine === true) {
    const report = await vault.quarantineDamaged()
    if (ctx.globals.json) printJson(out, report)
    else if (report.quarantined === 0) out.write('No damaged records; nothing was moved.\n')
    else {
      out.write(`${damagedTable(report.records)}\n`)
      out.write(
        `Moved ${plural(report.quarantined)} to the quarantine (kept in vault.db, no longer read).\n`,
      )
    }
    return EXIT_OK
  }
  const damaged = await vault.check()
  if (ctx.globals.json) printJson(out, damaged)
  else if (damaged.length === 0) out.write('No damaged records.\n')
  else {
    out.write(`${damagedTable(damaged)}\n`)
    out.write(
      `${plural(damaged.length)}; the rest of the vault is readable. ` +
        'Run `amos vault check --quarantine` to move them aside.\n',
    )
  }
  return damaged.length === 0 ? EXIT_OK : EXIT_FAILURE
}
