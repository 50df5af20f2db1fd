import { unlockEncryptedHistory } from './vaultAccess'
import type { Mirror, StorageKind } from '../main/mirrorApi'
import { packageVersion } from '../main/packageRoot'
import { resolveDataDir } from '../main/paths'
import type { Flags } from './args'
import type { CliIo, CommandContext, GlobalOptions } from './context'
import { describeError, EXIT_OK } from './errors'
import { processIo } from './processIo'
import { resolveInvocation } from './resolve'

export function globalOptions(flags: Flags, io: CliIo): GlobalOptions {
  const fromFlag = typeof flags['data-dir'] === 'string' ? flags['data-dir'] : undefined
  return {
    dataDir: resolveDataDir(fromFlag, io),
    storage: typeof flags.storage === 'string' ? (flags.storage as StorageKind) : undefined,
    databaseUrl:
      typeof flags['database-url'] === 'string'
        ? flags['database-url']
        : (io.env['AMOS_DATABASE_URL'] ?? undefined),
    json: flags.json === true,
  }
}

/** Runs one `amos` invocation; returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // An object, not a `let`: the mirror is opened inside the command's closure.
  const opened: { mirror: Promise<Mirror> | null } = { mirror: null }
  let code: number
  try {
    const invocation = resolveInvocation(argv)
    if (invocation.kind === 'help') {
      io.stdout.write(invocation.text)
      return EXIT_OK
    }
    if (invocation.kind === 'version') {
      io.stdout.write(
        invocation.flags.json
          ? `${JSON.stringify({ version: packageVersion() })}\n`
          : `amos ${packageVersion()}\n`,
      )
      return EXIT_OK
    }
    const globals = globalOptions(invocation.flags, io)
    const ctx: CommandContext = {
      args: invocation.args,
      flags: invocation.flags,
      globals,
      io,
      mirror: async (options) => {
        opened.mirror ??= import('../main/mirror').then(({ createMirror }) =>
          createMirror({
            dataDir: globals.dataDir,
            storage: globals.storage,
            databaseUrl: globals.databaseUrl,
          }),
        )
        const mirror = await opened.mirror
        if (options?.unlockHistory !== false) await unlockEncryptedHistory(ctx, mirror)
        return mirror
      },
    }
    const run = await invocation.leaf.load()
    code = await run(ctx)
  } catch (error) {
    const { line, exitCode } = describeError(error)
    io.stderr.write(`${line}\n`)
    code = exitCode
  }
  if (opened.mirror) {
    try {
      await (await opened.mirror).close()
    } catch {
      // Opening already failed and was reported above.
    }
  }
  return code
}
