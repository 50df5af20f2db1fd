import { describeAttachment } from '../../shared/attachments'
import { composeReply } from './offline/compose'
import { fnv1a } from './offline/hash'
import { cancelled } from './provider'
import type { ChatProvider, ProviderDelta, ProviderRequest } from './provider'
import { sleep } from './providers/retry'

export const OFFLINE_PROVIDER_ID = 'offline'
export const OFFLINE_MODEL = 'reflective-offline-1'

export interface OfflineEngineOptions {
  /** Pause before each streamed word, so the UI can show streaming and Stop. Tests use 0. */
  delayMs?: number
}

/** A rough token estimate (≈4 characters per token) until a real tokenizer is wired in. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}

/**
 * The default provider until real ones are configured: deterministic, pattern-specific replies
 * built from the user's own words. It is not a language model and says so in every reply.
 */
export class OfflineEngine implements ChatProvider {
  readonly id = OFFLINE_PROVIDER_ID
  readonly kind = 'offline' as const
  readonly label = 'Offline reflection (not an AI model)'
  readonly defaultModel = OFFLINE_MODEL
  private readonly delayMs: number

  constructor(options: OfflineEngineOptions = {}) {
    this.delayMs = Math.max(0, options.delayMs ?? 15)
  }

  /** The whole reply at once (what `stream` yields, joined). */
  reply(request: ProviderRequest): string {
    const users = request.messages.filter((m) => m.role === 'user')
    const files = users.at(-1)?.attachments ?? []
    const reply = this.replyToText(request, users)
    if (files.length === 0) return reply
    const names = files.map(describeAttachment)
    const list =
      names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
    // It cannot read files, so it says which it received rather than pretend otherwise.
    const ack = `You attached ${list}. I cannot open files: I am an offline reflection engine, not an AI model, so I only know their names and sizes.`
    return users.at(-1)!.content.trim() ? `${ack}\n\n${reply}` : ack
  }

  private replyToText(request: ProviderRequest, users: ProviderRequest['messages']): string {
    const seed = fnv1a(
      [
        request.pattern,
        request.uncertainty,
        ...request.messages.map((m) => `${m.role}:${m.content}`),
      ].join('\u0000'),
    )
    return composeReply({
      pattern: request.pattern,
      uncertainty: request.uncertainty,
      text: users[users.length - 1]?.content ?? '',
      previous: users[users.length - 2]?.content ?? null,
      seed,
    })
  }

  async *stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderDelta> {
    if (signal.aborted) throw cancelled()
    const text = this.reply(request)
    // Each piece is a word with the whitespace before it, so the pieces join back exactly.
    for (const piece of text.split(/(?<=\s)(?=\S)/u)) {
      if (this.delayMs > 0) await sleep(this.delayMs, signal)
      if (signal.aborted) throw cancelled()
      yield { type: 'text', text: piece }
    }
    const input = request.system.length + request.messages.reduce((n, m) => n + m.content.length, 0)
    yield {
      type: 'usage',
      inputTokens: Math.ceil(input / 4),
      outputTokens: estimateTokens(text),
    }
  }
}
