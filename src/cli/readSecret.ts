import type { CliIo } from './context'

interface RawInput {
  isTTY?: boolean
  setRawMode?(mode: boolean): unknown
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown
  pause?(): unknown
  resume?(): unknown
}

function isRawInput(value: unknown): value is RawInput {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as RawInput).isTTY === true &&
    typeof (value as RawInput).setRawMode === 'function'
  )
}

/** A terminal: read one line with echo off, so the secret never shows on screen. */
function readHidden(input: RawInput, io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt)
  return new Promise((resolve) => {
    let text = ''
    const finish = (): void => {
      input.off('data', onData)
      input.setRawMode?.(false)
      input.pause?.()
      io.stderr.write('\n')
      resolve(text)
    }
    const onData = (chunk: Buffer | string): void => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish()
        if (ch === '\u0003') {
          text = ''
          return finish()
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1)
        else text += ch
      }
    }
    input.setRawMode?.(true)
    input.resume?.()
    input.on('data', onData)
  })
}

/**
 * A secret from standard input, never from argv (argv is visible to other users in `ps` and
 * kept in shell history). From a pipe, the first line; from a terminal, typed without echo.
 */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  if (isRawInput(io.stdin)) return readHidden(io.stdin, io, prompt)
  let text = ''
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8')
    if (text.includes('\n')) break
  }
  return text.split(/\r?\n/)[0] ?? ''
}
