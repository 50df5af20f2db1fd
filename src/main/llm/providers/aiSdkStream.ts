import type { LanguageModelV3, LanguageModelV3Prompt } from '@ai-sdk/provider'
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
  /** The provider's model; its fetch must be `router.fetch`, so each attempt gets its own transport. */
  model: LanguageModelV3
  router: AttemptRouter
}

/**
 * The provider-level prompt: the system text first, then the conversation as text parts, a user
 * message's files after its text as `file` parts. Each provider package turns those into its own
 * wire format (OpenAI `image_url` / `file`, Anthropic `image` / `document`, Ollama `images`).
 * The bytes go as base64 text, which every package passes through as it is (Ollama's would
 * otherwise serialise a Uint8Array as an object).
 */
export function toPrompt(request: ProviderRequest): LanguageModelV3Prompt {
  const prompt: LanguageModelV3Prompt = []
  if (request.system.trim()) prompt.push({ role: 'system', content: request.system })
  for (const m of request.messages) {
    if (m.role === 'system') prompt.push({ role: 'system', content: m.content })
    else if (m.role === 'assistant') {
      prompt.push({ role: 'assistant', content: [{ type: 'text', text: m.content }] })
    } else {
      const files = (m.files ?? []).map((f) => ({
        type: 'file' as const,
        mediaType: f.mimeType,
        filename: f.name,
        data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).toString('base64'),
      }))
      // Anthropic refuses an empty text block: a message of files alone has none.
      const text =
        m.content === '' && files.length > 0 ? [] : [{ type: 'text' as const, text: m.content }]
      prompt.push({ role: 'user', content: [...text, ...files] })
    }
  }
  return prompt
}

/**
 * Streams one reply from an AI SDK provider model and turns its parts into ProviderDeltas.
 *
 * It calls the model's `doStream` (the SDK's language-model interface, which every provider
 * package implements: request building, the wire format, SSE/NDJSON parsing, error mapping)
 * rather than `streamText`, whose extra layers (prompt re-validation, telemetry spans, step and
 * tool machinery, stream teeing) cost ~2 ms before the request and ~1 ms after the first byte,
 * and which a single text reply does not use. Retries are our own and happen only before the
 * first token, so a reply is never shown twice.
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
      const { stream } = await call.model.doStream({
        prompt: toPrompt(request),
        abortSignal: local.signal,
        headers: routed.headers,
      })
      const reader = stream.getReader()
      try {
        for (;;) {
          const { value: part, done } = await reader.read()
          if (done) break
          if (part.type === 'text-delta') {
            if (part.delta === '') continue
            textEmitted = true
            yield { type: 'text', text: part.delta }
          } else if (part.type === 'finish') {
            const input = part.usage.inputTokens.total
            const output = part.usage.outputTokens.total
            if (input !== undefined || output !== undefined) {
              yield { type: 'usage', inputTokens: input ?? null, outputTokens: output ?? null }
            }
          } else if (part.type === 'error') {
            throw part.error
          }
        }
      } finally {
        // Done, failed or abandoned: aborting `local` (below) tears the connection and the
        // provider's stream down; cancelling the reader as well would race that abort.
        reader.releaseLock()
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
