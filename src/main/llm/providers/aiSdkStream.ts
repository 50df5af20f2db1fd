import { streamText } from 'ai'
import type { LanguageModel, ModelMessage } from 'ai'
import { cancelled } from '../provider'
import type { ProviderDelta, ProviderRequest } from '../provider'
import { classifyProviderError } from './errors'
import type { CallContext } from './errors'
import { createTransport } from './httpTransport'
import type { TransportTimeouts } from './httpTransport'
import type { AttemptRouter } from './attemptRouter'
import { DEFAULT_RETRY_POLICY, retryDelay, sleep } from './retry'
import type { RetryPolicy } from './retry'

export interface ProviderCallOptions extends TransportTimeouts {
  retry: RetryPolicy
}

export const DEFAULT_CALL_OPTIONS: ProviderCallOptions = {
  connectTimeoutMs: 15_000,
  idleTimeoutMs: 60_000,
  retry: DEFAULT_RETRY_POLICY,
}

export type CallOptionOverrides = Partial<TransportTimeouts> & { retry?: Partial<RetryPolicy> }

export function resolveCallOptions(
  overrides: CallOptionOverrides = {},
  base: ProviderCallOptions = DEFAULT_CALL_OPTIONS,
): ProviderCallOptions {
  return {
    connectTimeoutMs: overrides.connectTimeoutMs ?? base.connectTimeoutMs,
    idleTimeoutMs: overrides.idleTimeoutMs ?? base.idleTimeoutMs,
    retry: { ...base.retry, ...overrides.retry },
  }
}

export interface AiSdkCall {
  /** Label, base URL, model and secrets for error messages (secrets are redacted from them). */
  context: Omit<CallContext, 'connectTimeoutMs' | 'idleTimeoutMs'>
  options: ProviderCallOptions
  /** The SDK model; its fetch must be `router.fetch`, so each attempt gets its own transport. */
  model: LanguageModel
  router: AttemptRouter
}

function toModelMessages(request: ProviderRequest): ModelMessage[] {
  return request.messages.map((m) => ({ role: m.role, content: m.content }))
}

/**
 * Streams one reply through the AI SDK and turns its parts into ProviderDeltas. Retries (our own,
 * the SDK's are off) happen only before the first token, so a reply is never shown twice.
 */
export async function* streamWithAiSdk(
  call: AiSdkCall,
  request: ProviderRequest,
  signal: AbortSignal,
): AsyncGenerator<ProviderDelta> {
  const ctx: CallContext = {
    ...call.context,
    connectTimeoutMs: call.options.connectTimeoutMs,
    idleTimeoutMs: call.options.idleTimeoutMs,
  }
  let textEmitted = false
  for (let attempt = 0; ; attempt++) {
    if (signal.aborted) throw cancelled()
    const transport = createTransport(call.options)
    const routed = call.router.begin(transport.fetch)
    // Also aborted when the consumer stops iterating early, so the connection never lingers.
    const local = new AbortController()
    const forward = (): void => local.abort(signal.reason)
    signal.addEventListener('abort', forward, { once: true })
    try {
      const result = streamText({
        model: call.model,
        headers: routed.headers,
        ...(request.system.trim() ? { system: request.system } : {}),
        messages: toModelMessages(request),
        abortSignal: local.signal,
        maxRetries: 0,
        // The default handler logs the raw error (with request details) to the console.
        onError: () => undefined,
      })
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') {
          if (part.text === '') continue
          textEmitted = true
          yield { type: 'text', text: part.text }
        } else if (part.type === 'finish') {
          const { inputTokens, outputTokens } = part.totalUsage
          if (inputTokens !== undefined || outputTokens !== undefined) {
            yield {
              type: 'usage',
              inputTokens: inputTokens ?? null,
              outputTokens: outputTokens ?? null,
            }
          }
        } else if (part.type === 'error') {
          throw part.error
        } else if (part.type === 'abort') {
          throw cancelled()
        }
      }
      if (signal.aborted) throw cancelled()
      return
    } catch (error) {
      if (signal.aborted) throw cancelled()
      const classified = classifyProviderError(error, ctx, transport.state, textEmitted)
      const delay =
        textEmitted || !classified.retryable
          ? null
          : retryDelay(call.options.retry, attempt, classified.retryAfterMs)
      if (delay === null) throw classified.error
      await sleep(delay, signal)
    } finally {
      signal.removeEventListener('abort', forward)
      local.abort()
      routed.end()
    }
  }
}
