import path from 'node:path'
import { usageError } from '../args'
import type { CommandRun } from '../context'

function parsePort(raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback
  const text = String(raw)
  const port = Number(text)
  if (!/^\d+$/.test(text) || port > 65535) {
    throw usageError(`--port must be a number from 0 to 65535, not ${text}.`)
  }
  return port
}

/** `amos serve`: the browser host on 127.0.0.1 until Ctrl-C (or SIGTERM). */
export const serve: CommandRun = async (ctx) => {
  const { DEFAULT_PORT, DEFAULT_STATIC_DIR } = await import('../../main/host/browserHost')
  const port = parsePort(ctx.flags.port, DEFAULT_PORT)
  const staticDir =
    typeof ctx.flags['static-dir'] === 'string'
      ? path.resolve(ctx.io.cwd, ctx.flags['static-dir'])
      : DEFAULT_STATIC_DIR
  const { serveUntilStopped, stopSignal } = await import('../../main/host/serveCli')
  return serveUntilStopped(
    { port, dataDir: ctx.globals.dataDir, storage: ctx.globals.storage, staticDir },
    ctx.io,
    stopSignal(),
  )
}
