import { networkInterfaces } from 'node:os'
import type { LoopbackServer } from '../../llm/servers/loopback'

/** What the loopback servers record of a chat request (OpenAI and Ollama wires alike). */
export interface WireBody {
  messages: Array<{ role: string; content: string }>
}

/**
 * An address of this machine that is not loopback: a provider served there is not a local
 * model, yet the test still owns the server.
 */
export function outwardAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) {
      if (!address.internal && address.family === 'IPv4') return address.address
    }
  }
  throw new Error('This test needs a network interface besides loopback.')
}

/** The system prompt of the last request the server received. */
export const systemOf = (server: LoopbackServer): string =>
  (server.requests.at(-1)!.body as WireBody).messages
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n')
