import type { Mirror, StorageKind } from '../main/mirrorApi'
import type { Flags } from './args'

export interface CliOutput {
  write(text: string): void
  readonly isTTY: boolean
}

/** Everything a command touches outside itself, so tests and the bin share one code path. */
export interface CliIo {
  stdout: CliOutput
  stderr: CliOutput
  env: Record<string, string | undefined>
  cwd: string
  stdin: AsyncIterable<string | Buffer>
  /** Registers a Ctrl-C handler; returns a function that removes it. */
  onInterrupt(handler: () => void): () => void
  /** A no-echo password prompt; present only when stdin is a terminal. */
  readSecret?(prompt: string): Promise<string>
}

export interface GlobalOptions {
  dataDir: string
  /** Undefined: createMirror decides (SQLite unless the folder is an SDK store). */
  storage: StorageKind | undefined
  /** `--database-url` (createMirror falls back to env AMOS_DATABASE_URL). */
  databaseUrl: string | undefined
  json: boolean
}

export interface CommandContext {
  args: string[]
  flags: Flags
  globals: GlobalOptions
  io: CliIo
  /**
   * Opens the data dir on first use; main closes it when the command ends. With encrypted
   * history the vault is unlocked first (unlockVault), unless `unlockHistory` is false (commands
   * that only report state, such as `vault status` and `encryption status`).
   */
  mirror(options?: { unlockHistory?: boolean }): Promise<Mirror>
}

export type CommandRun = (ctx: CommandContext) => Promise<number>
