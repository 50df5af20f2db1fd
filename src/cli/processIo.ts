import type { CliIo, CliOutput } from './context'
import { readSecretFromTty } from './secretPrompt'

function output(stream: NodeJS.WriteStream): CliOutput {
  // `amos … | head` closes the pipe early; that is not an error worth a stack trace.
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
  return { write: (text) => void stream.write(text), isTTY: stream.isTTY === true }
}

export function processIo(): CliIo {
  return {
    stdout: output(process.stdout),
    stderr: output(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    stdin: process.stdin,
    onInterrupt(handler) {
      process.on('SIGINT', handler)
      return () => void process.off('SIGINT', handler)
    },
    ...(process.stdin.isTTY
      ? { readSecret: (prompt: string) => readSecretFromTty(prompt, process.stdin, process.stderr) }
      : {}),
  }
}
