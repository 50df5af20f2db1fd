import { MirrorError } from '../shared/errors'

interface TtyInput {
  isTTY?: boolean
  setRawMode(mode: boolean): unknown
  setEncoding(encoding: BufferEncoding): unknown
  on(event: 'data', listener: (chunk: string) => void): unknown
  off(event: 'data', listener: (chunk: string) => void): unknown
  resume(): unknown
  pause(): unknown
}

/**
 * Asks for a password on a terminal without echoing it: raw mode, so nothing typed is shown or
 * kept in the terminal's scrollback. Enter ends it, Backspace edits, Ctrl-C / Ctrl-D cancel.
 */
export function readSecretFromTty(
  prompt: string,
  input: TtyInput,
  output: { write(text: string): unknown },
): Promise<string> {
  output.write(prompt)
  input.setRawMode(true)
  input.setEncoding('utf8')
  input.resume()
  let typed = ''
  return new Promise<string>((resolve, reject) => {
    const finish = (error: MirrorError | null) => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      output.write('\n')
      if (error) reject(error)
      else resolve(typed)
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(null)
        if (char === '\u0003' || char === '\u0004') {
          return finish(new MirrorError('CANCELLED', 'No password was entered.'))
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('')
        else if (char >= ' ') typed += char
      }
    }
    input.on('data', onData)
  })
}
