import { MirrorError } from '../../shared/errors'
import type {
  ConnectionTest,
  StorageChoice,
  StorageSettings,
} from '../../shared/routeGroups/storage'
import type { SecretStore } from '../keychain/secretStore'
import { appFilesDir, detectStorageKind } from '../paths'
import type { StorageBackendKind, StorageKind } from '../storage/storage'
import { testDatabaseConnection } from './connectionTest'
import { PASSWORD_MASK, maskedUrl, splitPassword, withPassword } from './databaseUrl'
import type { SavedStorage } from './storageChoiceFile'
import { readStorageChoice, writeStorageChoice } from './storageChoiceFile'

/** The folder the choice is saved in: found from the data dir alone, before any storage opens. */
export function storageChoiceDir(dataDir: string): string {
  return appFilesDir(dataDir, detectStorageKind(dataDir))
}

/** One keychain entry per server and user, so switching back and forth keeps each password. */
export function passwordAccount(bareUrl: string): string {
  return `database:${bareUrl}`
}

/** The saved PostgreSQL URL with its password from the keychain, or null when none is saved. */
async function fullUrl(saved: SavedStorage | null, secrets: SecretStore): Promise<string | null> {
  if (saved?.kind !== 'postgres') return null
  const password = await secrets.get(passwordAccount(saved.databaseUrl))
  return withPassword(saved.databaseUrl, password)
}

export interface StartupStorage {
  storage?: StorageKind
  databaseUrl?: string
  /** A flag or AMOS_STORAGE chose: the saved choice was not read. */
  overridden: boolean
}

/**
 * What a host starts the core on: `--storage` / AMOS_STORAGE (with their URL) when given,
 * else the choice saved in Settings, else the default (the folder decides).
 */
export async function resolveStartupStorage(options: {
  dataDir: string
  secrets: SecretStore
  storage?: StorageKind
  databaseUrl?: string
}): Promise<StartupStorage> {
  if (options.storage !== undefined) {
    return { storage: options.storage, databaseUrl: options.databaseUrl, overridden: true }
  }
  const saved = await readStorageChoice(storageChoiceDir(options.dataDir))
  if (saved?.kind !== 'postgres') return { overridden: false }
  const databaseUrl = (await fullUrl(saved, options.secrets)) ?? undefined
  return { storage: 'postgres', databaseUrl, overridden: false }
}

export interface RunningStorage {
  kind: StorageBackendKind
  databaseUrl?: string
}

/** `overridden`: a flag or AMOS_STORAGE chose the running storage (the host knows). */
export interface StorageChoiceApi {
  get(overridden?: boolean): Promise<StorageSettings>
  test(url: string): Promise<ConnectionTest>
  use(choice: StorageChoice, overridden?: boolean): Promise<StorageSettings>
}

/**
 * Settings → Storage: shows what the core runs on and what is saved, tests a server, saves a
 * choice. The password goes to the keychain only and never comes back out (masked).
 */
export class StorageChoiceService implements StorageChoiceApi {
  private readonly dir: string

  constructor(
    private readonly deps: {
      /** storageChoiceDir(dataDir) */
      dir: string
      secrets: SecretStore
      running: RunningStorage
      test?: (url: string) => Promise<ConnectionTest>
    },
  ) {
    this.dir = deps.dir
  }

  async get(overridden = false): Promise<StorageSettings> {
    const { running } = this.deps
    const saved = await readStorageChoice(this.dir)
    const current = {
      kind: running.kind,
      databaseUrl: running.kind === 'postgres' ? maskedUrl(running.databaseUrl) : null,
    }
    if (!saved) return { current, saved: null, overridden }
    const savedUrl = saved.kind === 'postgres' ? await this.maskedSaved(saved.databaseUrl) : null
    return {
      current,
      saved: { kind: saved.kind, databaseUrl: savedUrl },
      overridden,
    }
  }

  async test(url: string): Promise<ConnectionTest> {
    return (this.deps.test ?? testDatabaseConnection)(await this.unmasked(url))
  }

  /** Tests a PostgreSQL server first: a choice that cannot connect is never saved. */
  async use(choice: StorageChoice, overridden = false): Promise<StorageSettings> {
    if (choice.kind === 'sqlite') {
      await writeStorageChoice(this.dir, { kind: 'sqlite' })
      return this.get(overridden)
    }
    const url = await this.unmasked(choice.databaseUrl)
    await this.test(url)
    const { url: bare, password } = splitPassword(url)
    const account = passwordAccount(bare)
    // A passwordless URL (trust, peer, .pgpass) works without any keychain.
    if (password === null) await this.deps.secrets.delete(account).catch(() => false)
    else await this.deps.secrets.set(account, password)
    await writeStorageChoice(this.dir, { kind: 'postgres', databaseUrl: bare })
    return this.get(overridden)
  }

  private async maskedSaved(bare: string): Promise<string | null> {
    const hasPassword =
      (await this.deps.secrets.get(passwordAccount(bare)).catch(() => null)) !== null
    return hasPassword ? withPassword(bare, PASSWORD_MASK) : bare
  }

  /** A URL sent back with the mask for its password means the saved password. */
  private async unmasked(url: string): Promise<string> {
    const { url: bare, password } = splitPassword(url)
    if (password !== PASSWORD_MASK) return url
    const saved = await this.deps.secrets.get(passwordAccount(bare))
    if (saved === null) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        'No password is saved for this server and user: type the password.',
      )
    }
    return withPassword(bare, saved)
  }
}
