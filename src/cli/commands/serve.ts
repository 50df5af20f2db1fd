import { usageError } from '../args'
import type { CommandRun } from '../context'

/** `amos serve`: the browser host on 127.0.0.1 until Ctrl-C (or SIGTERM). */
export const serve: CommandRun = async (ctx) => {
  const { parsePort, resolveStaticDir, serveUntilStopped, stopSignal } =
    await import('../../main/host/serveCli')
  const rawPort = ctx.flags.port
  const port = parsePort(rawPort === undefined ? undefined : String(rawPort), (message) =>
    usageError(`${message}.`),
  )
  const staticFlag = ctx.flags['static-dir']
  const staticDir = resolveStaticDir(
    typeof staticFlag === 'string' ? staticFlag : undefined,
    ctx.io.cwd,
  )
  return serveUntilStopped(
    {
      port,
      dataDir: ctx.globals.dataDir,
      storage: ctx.globals.storage,
      databaseUrl: ctx.globals.databaseUrl,
      staticDir,
    },
    ctx.io,
    stopSignal(),
  )
}
