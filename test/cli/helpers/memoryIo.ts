import type { CliIo } from '../../../src/cli/context'

export interface CapturedIo extends CliIo {
  out: () => string
  err: () => string
}

/** A CliIo that records output, for running `main()` in-process. */
export function memoryIo(options: {
  cwd: string
  env?: Record<string, string>
  isTTY?: boolean
}): CapturedIo {
  let out = ''
  let err = ''
  return {
    stdout: { write: (t) => void (out += t), isTTY: options.isTTY ?? false },
    stderr: { write: (t) => void (err += t), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd,
    stdin: (async function* () {})(),
    onInterrupt: () => () => undefined,
    out: () => out,
    err: () => err,
  }
}
