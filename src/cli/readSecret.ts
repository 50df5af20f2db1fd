import type { CliIo } from './context'

/**
 * A secret from standard input, never from argv (argv is visible to other users in `ps` and
 * kept in shell history). On a terminal it is typed without echo (io.readSecret, see
 * secretPrompt.ts); from a pipe, the first line.
 */
export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  if (io.readSecret) return io.readSecret(prompt)
  let text = ''
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8')
    if (text.includes('\n')) break
  }
  return text.split(/\r?\n/)[0] ?? ''
}
