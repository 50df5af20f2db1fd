import type { Usage } from '../../shared/domain'
import type { ChatProvider, ProviderDelta, ProviderRequest } from '../llm/provider'

export interface StreamResult {
  text: string
  usage: Usage | null
  /** What the provider threw, unless the stream was cancelled first. */
  failure: { error: unknown } | null
  cancelled: boolean
}

const ABORTED = Symbol('aborted')

function abortPromise(signal: AbortSignal): Promise<typeof ABORTED> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(ABORTED)
    else signal.addEventListener('abort', () => resolve(ABORTED), { once: true })
  })
}

function tokenCount(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && value >= 0 ? Math.round(value) : null
}

/**
 * Reads a provider's stream until it ends, fails or `signal` aborts. Each `next()` is raced
 * against the abort, so Stop takes effect even when a provider is stuck waiting on the network.
 * The request starts at once; nothing is handed to `onText` before `gate` has settled.
 */
export async function readReply(
  provider: ChatProvider,
  request: ProviderRequest,
  signal: AbortSignal,
  onText: (text: string) => void,
  gate: Promise<unknown> = Promise.resolve(),
): Promise<StreamResult> {
  let text = ''
  let usage: Usage | null = null
  const aborted = abortPromise(signal)
  let iterator: AsyncIterator<ProviderDelta> | null = null
  try {
    iterator = provider.stream(request, signal)[Symbol.asyncIterator]()
    let first = true
    while (!signal.aborted) {
      const next = iterator.next()
      // If the abort wins the race, a later rejection of `next` must not go unhandled.
      next.catch(() => undefined)
      if (first) {
        first = false
        await gate
      }
      const step = await Promise.race([next, aborted])
      if (step === ABORTED || step.done) break
      const delta = step.value
      if (delta.type === 'text' && delta.text.length > 0) {
        text += delta.text
        onText(delta.text)
      } else if (delta.type === 'usage') {
        usage = {
          inputTokens: tokenCount(delta.inputTokens),
          outputTokens: tokenCount(delta.outputTokens),
        }
      }
    }
  } catch (error) {
    if (!signal.aborted) return { text, usage, failure: { error }, cancelled: false }
  }
  if (signal.aborted && iterator) {
    const it = iterator
    // Let the provider release its connection; its own outcome no longer matters.
    Promise.resolve()
      .then(() => it.return?.())
      .catch(() => undefined)
  }
  return { text, usage, failure: null, cancelled: signal.aborted }
}
