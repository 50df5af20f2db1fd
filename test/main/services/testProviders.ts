import type { ChatProvider, ProviderDelta, ProviderRequest } from '../../../src/main/llm/provider'

type Step =
  | { text: string }
  | { usage: [number | null, number | null] }
  | { throw: unknown }
  /** Waits until the test calls `release()`; ignores the abort signal on purpose. */
  | { gate: true }

/**
 * A provider that plays a script and records every request it receives. Stands in for a remote
 * model; the chat service under test is real.
 */
export class ScriptedProvider implements ChatProvider {
  readonly kind = 'openai-compatible' as const
  readonly label = 'Scripted test provider'
  readonly defaultModel = 'scripted-1'
  readonly requests: ProviderRequest[] = []
  private releaseGate: (() => void) | null = null
  private gateReached: Promise<void>
  private reachGate: () => void = () => undefined
  returned = false

  constructor(
    readonly id: string,
    private readonly steps: Step[],
  ) {
    this.gateReached = new Promise((resolve) => (this.reachGate = resolve))
  }

  /** Resolves when the stream is parked at a gate step. */
  waitAtGate(): Promise<void> {
    return this.gateReached
  }

  release(): void {
    this.releaseGate?.()
  }

  async *stream(request: ProviderRequest): AsyncIterable<ProviderDelta> {
    this.requests.push(structuredClone(request))
    try {
      for (const step of this.steps) {
        if ('text' in step) yield { type: 'text', text: step.text }
        else if ('usage' in step) {
          yield { type: 'usage', inputTokens: step.usage[0], outputTokens: step.usage[1] }
        } else if ('throw' in step) throw step.throw
        else {
          await new Promise<void>((resolve) => {
            this.releaseGate = resolve
            this.reachGate()
          })
        }
      }
    } finally {
      this.returned = true
    }
  }
}
