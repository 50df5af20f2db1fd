import { isMirrorError, MirrorError } from '../shared/errors'
import type { Mirror } from '../main/mirrorApi'
import type { CommandContext } from './context'

/**
 * Where the CLI gets vault passwords: environment variables or a no-echo prompt on a terminal,
 * never argv (it would show in `ps` and the shell history).
 */
export const PASSWORD_ENV = 'AMOS_VAULT_PASSWORD'
export const NEW_PASSWORD_ENV = 'AMOS_VAULT_NEW_PASSWORD'
/** For `vault restore` when the backup's password differs from AMOS_VAULT_PASSWORD. */
export const BACKUP_PASSWORD_ENV = 'AMOS_VAULT_BACKUP_PASSWORD'

/** For `vault import-sdk`: the password of the ActiveMirrorOS SDK vault being imported. */
export const SDK_PASSWORD_ENV = 'AMOS_SDK_VAULT_PASSWORD'

function fromEnv(ctx: CommandContext, name: string): string | undefined {
  const value = ctx.io.env[name]
  return value ? value : undefined
}

async function ask(ctx: CommandContext, prompt: string, envHint: string): Promise<string> {
  if (!ctx.io.readSecret) {
    throw new MirrorError(
      'USAGE',
      `No password given: set ${envHint} or run the command in a terminal to be asked.`,
    )
  }
  return ctx.io.readSecret(prompt)
}

export async function currentPassword(
  ctx: CommandContext,
  prompt = 'Vault password: ',
): Promise<string> {
  return fromEnv(ctx, PASSWORD_ENV) ?? ask(ctx, prompt, PASSWORD_ENV)
}

export async function backupPassword(ctx: CommandContext): Promise<string> {
  return (
    fromEnv(ctx, BACKUP_PASSWORD_ENV) ??
    fromEnv(ctx, PASSWORD_ENV) ??
    ask(ctx, 'Backup password: ', BACKUP_PASSWORD_ENV)
  )
}

export async function sdkVaultPassword(ctx: CommandContext): Promise<string> {
  return fromEnv(ctx, SDK_PASSWORD_ENV) ?? ask(ctx, 'SDK vault password: ', SDK_PASSWORD_ENV)
}

/** A password being chosen: from `envNames` in order, else typed twice on the terminal. */
export async function chosenPassword(
  ctx: CommandContext,
  envNames: readonly string[],
  prompt = 'New vault password: ',
): Promise<string> {
  for (const name of envNames) {
    const value = fromEnv(ctx, name)
    if (value) return value
  }
  const first = await ask(ctx, prompt, envNames.join(' or '))
  const again = await ask(ctx, 'Repeat it: ', envNames.join(' or '))
  if (first !== again) throw new MirrorError('VALIDATION_FAILED', 'The passwords do not match.')
  return first
}

export type UnlockMethod = 'password' | 'keychain'

/**
 * Unlocks the vault for this command: with AMOS_VAULT_PASSWORD when set, else with the key
 * remembered in the OS keychain, else by asking on the terminal. The key lives only as long as
 * this process.
 */
export async function unlockVault(ctx: CommandContext, mirror: Mirror): Promise<UnlockMethod> {
  const { vault } = mirror
  const status = await vault.status()
  if (status.unlocked) return 'password'
  if (!status.initialized) {
    throw new MirrorError('VAULT_NOT_INITIALIZED', 'There is no vault yet: run `amos vault init`.')
  }
  const envPassword = fromEnv(ctx, PASSWORD_ENV)
  if (envPassword) {
    await vault.unlock(envPassword)
    return 'password'
  }
  if (status.remembered) {
    try {
      await vault.unlockWithKeychain()
      return 'keychain'
    } catch (error) {
      // A stale or missing keychain item: fall back to asking, when a terminal can.
      if (!isMirrorError(error) || !ctx.io.readSecret) throw error
    }
  }
  if (!ctx.io.readSecret) {
    throw new MirrorError(
      'VAULT_LOCKED',
      `The vault is locked: set ${PASSWORD_ENV}, run in a terminal, or remember this device ` +
        '(`amos vault unlock --remember`).',
    )
  }
  await vault.unlock(await ctx.io.readSecret('Vault password: '))
  return 'password'
}

/**
 * For commands that can use the vault but do not need it (memories in `send`). A password given
 * in AMOS_VAULT_PASSWORD is used and a wrong one reported (it counts toward the lockout); a key
 * remembered in the keychain is tried quietly; nobody is asked.
 */
export async function unlockIfOffered(ctx: CommandContext, mirror: Mirror): Promise<void> {
  const status = await mirror.vault.status()
  if (!status.initialized) return
  if (fromEnv(ctx, PASSWORD_ENV)) {
    await unlockVault(ctx, mirror)
    return
  }
  if (!status.remembered) return
  await mirror.vault.unlockWithKeychain().catch(() => undefined)
}

/**
 * Encrypted history opens only with the vault: the same sources as unlockVault (password in
 * AMOS_VAULT_PASSWORD, the keychain, the no-echo prompt), else VAULT_LOCKED.
 */
export async function unlockEncryptedHistory(ctx: CommandContext, mirror: Mirror): Promise<void> {
  if ((await mirror.encryption.status()).locked) await unlockVault(ctx, mirror)
}
