import path from 'node:path'
import type { SdkVaultImportReport } from '../../shared/sdkVault'
import { SDK_VAULT_FORMAT_NAMES } from '../../shared/sdkVaultNames'
import type { CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson } from '../output'
import { sdkVaultPassword, unlockVault } from '../vaultAccess'

function reportText(r: SdkVaultImportReport): string {
  const lines = [
    `Imported ${r.imported} of ${r.found} entries from a ${SDK_VAULT_FORMAT_NAMES[r.format]} SDK vault.`,
  ]
  if (r.skipped > 0) {
    lines.push(`Skipped ${r.skipped} whose key the vault already has (the vault's entry was kept).`)
  }
  if (r.conflicts.length > 0) {
    lines.push(`These differ from the SDK's: ${r.conflicts.join(', ')}.`)
  }
  return lines.join('\n')
}

/**
 * `amos vault import-sdk PATH`: an ActiveMirrorOS SDK vault folder into the unlocked vault.
 * The folder is read (and recognised) before any password is asked for.
 */
export const importSdk: CommandRun = async (ctx) => {
  const shown = ctx.args[0]!
  const mirror = await ctx.mirror()
  const files = await mirror.vault.readSdkVaultFolder(path.resolve(ctx.io.cwd, shown), shown)
  await unlockVault(ctx, mirror)
  const report = await mirror.vault.importSdkVault(files, await sdkVaultPassword(ctx))
  if (ctx.globals.json) printJson(ctx.io.stdout, report)
  else ctx.io.stdout.write(`${reportText(report)}\n`)
  for (const d of report.damaged) {
    const which = d.key === null ? d.file : `${d.key} (${d.file})`
    ctx.io.stderr.write(`VAULT_CORRUPT: ${which}: ${d.reason}\n`)
  }
  return report.damaged.length > 0 ? EXIT_FAILURE : EXIT_OK
}
