import { ConfiguredProvider } from '../../../src/main/llm/providers/configuredProvider'
import type { CallOptionOverrides } from '../../../src/main/llm/providers/aiSdkStream'
import type { ProviderDelta, ProviderRequest } from '../../../src/main/llm/provider'
import type { ProviderType } from '../../../src/main/llm/providerConfig'
import { MirrorError } from '../../../src/shared/errors'
import { anthropicWire, ollamaWire, openAiWire } from './servers/wires'
import type { Wire } from './servers/wires'

export const TEST_KEY = 'sk-test-loopback-4f7d2c9a1b3e5f60'

export interface KindCase {
  type: ProviderType
  wire: Wire
  model: string
  /** Base URL as a user would enter it, given the loopback server's origin. */
  baseUrl(origin: string): string
  chatPath: string
  needsKey: boolean
}

export const KINDS: KindCase[] = [
  {
    type: 'openai',
    wire: openAiWire,
    model: 'gpt-4o-mini',
    baseUrl: (o) => `${o}/v1`,
    chatPath: '/v1/chat/completions',
    needsKey: true,
  },
  {
    type: 'openai-compatible',
    wire: openAiWire,
    model: 'qwen2.5-7b-instruct',
    baseUrl: (o) => `${o}/v1`,
    chatPath: '/v1/chat/completions',
    needsKey: true,
  },
  {
    type: 'anthropic',
    wire: anthropicWire,
    model: 'claude-sonnet-4-5',
    baseUrl: (o) => `${o}/v1`,
    chatPath: '/v1/messages',
    needsKey: true,
  },
  {
    type: 'ollama',
    wire: ollamaWire,
    model: 'llama3.2',
    baseUrl: (o) => o,
    chatPath: '/api/chat',
    needsKey: false,
  },
]

/** Small limits so timeouts and retries take milliseconds. */
export const FAST: CallOptionOverrides = {
  connectTimeoutMs: 2_000,
  idleTimeoutMs: 400,
  retry: { maxRetries: 2, baseDelayMs: 20, maxRetryAfterMs: 2_000 },
}

export function makeProvider(
  kind: KindCase,
  baseUrl: string,
  options: CallOptionOverrides = FAST,
  key: string | null = kind.needsKey ? TEST_KEY : null,
): ConfiguredProvider {
  return new ConfiguredProvider(
    {
      id: `test-${kind.type}`,
      type: kind.type,
      label: `Test ${kind.type}`,
      baseUrl,
      model: kind.model,
    },
    { getApiKey: async () => key, options },
  )
}

export const REQUEST: ProviderRequest = {
  model: '',
  system: 'You are a reflective mirror.',
  messages: [
    { role: 'user', content: 'I keep postponing the hard conversation.' },
    { role: 'assistant', content: 'What makes it feel hard?' },
    { role: 'user', content: 'Fear of disappointing them.' },
  ],
  pattern: 'exploratory',
  uncertainty: 'none',
}

export interface Collected {
  deltas: ProviderDelta[]
  texts: string[]
  error: MirrorError | null
  /** ms from start to the end of the iteration. */
  elapsedMs: number
}

export async function collect(
  provider: { stream(r: ProviderRequest, s: AbortSignal): AsyncIterable<ProviderDelta> },
  signal: AbortSignal = new AbortController().signal,
  onDelta?: (d: ProviderDelta, index: number) => void,
): Promise<Collected> {
  const deltas: ProviderDelta[] = []
  const started = performance.now()
  let error: MirrorError | null = null
  try {
    for await (const delta of provider.stream(REQUEST, signal)) {
      deltas.push(delta)
      onDelta?.(delta, deltas.length - 1)
    }
  } catch (e) {
    if (!(e instanceof MirrorError)) throw e
    error = e
  }
  return {
    deltas,
    texts: deltas.flatMap((d) => (d.type === 'text' ? [d.text] : [])),
    error,
    elapsedMs: performance.now() - started,
  }
}
