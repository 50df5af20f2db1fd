import type { EncryptionStatus } from '../../shared/encryption'
import type { CommandContext, CommandRun } from '../context'
import { EXIT_OK } from '../errors'
import { printJson } from '../output'
import { unlockVault } from '../vaultAccess'

function statusText(status: EncryptionStatus): string {
  if (!status.supported) {
    return 'Encrypt all history: not available (the JSON folder store cannot be encrypted).'
  }
  const lines = [`Encrypt all history: ${status.encrypted ? 'on' : 'off'}`]
  for (const db of status.databases) {
    const state = !db.exists ? 'not created yet' : db.encrypted ? 'encrypted' : 'plain'
    lines.push(`  ${db.name}: ${state}`)
  }
  if (status.locked) lines.push('Locked: the vault password or this device’s keychain opens it.')
  return lines.join('\n')
}

function say(ctx: CommandContext, text: string, status: EncryptionStatus): number {
  if (ctx.globals.json) printJson(ctx.io.stdout, status)
  else ctx.io.stdout.write(`${text}\n`)
  return EXIT_OK
}

/** `amos encryption status`: whether the history is encrypted; needs no password. */
export const status: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror({ unlockHistory: false })
  const current = await mirror.encryption.status()
  return say(ctx, statusText(current), current)
}

/** `amos encryption enable`: encrypts activemirror.db and continuity.db (needs the vault). */
export const enable: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror({ unlockHistory: false })
  const before = await mirror.encryption.status()
  // The JSON store is refused before anyone is asked for a password.
  if (before.supported) await unlockVault(ctx, mirror)
  const after = await mirror.encryption.enable()
  return say(ctx, `History encrypted.\n${statusText(after)}`, after)
}

/** `amos encryption disable`: decrypts them again (needs the vault). */
export const disable: CommandRun = async (ctx) => {
  const mirror = await ctx.mirror({ unlockHistory: false })
  const before = await mirror.encryption.status()
  if (before.supported && (before.encrypted || before.locked)) await unlockVault(ctx, mirror)
  const after = await mirror.encryption.disable()
  return say(ctx, `History decrypted.\n${statusText(after)}`, after)
}
