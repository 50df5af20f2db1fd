import { describe, expect, it } from 'vitest'
import {
  contextWindowFor,
  defaultReplyReserve,
  fitToContext,
} from '../../../src/main/llm/contextWindow'
import type { ProviderMessage } from '../../../src/main/llm/provider'
import { REPLY_PRIMING_TOKENS, countMessageTokens } from '../../../src/main/llm/tokenizer'

const conversation: ProviderMessage[] = Array.from({ length: 30 }, (_, i) => ({
  role: i % 2 === 0 ? 'user' : 'assistant',
  content: `Message ${i}: ${'a thought about what matters and why '.repeat(3 + (i % 4))}`,
}))
const system = 'You are a reflective mirror. Ask one question at a time.'

describe('fitToContext', () => {
  it.each(['gpt-4o', 'llama3.2'])(
    'keeps everything when it fits (%s), with consistent totals',
    (model) => {
      const fit = fitToContext({ model, system, messages: conversation, contextWindow: 128_000 })
      expect(fit.messages).toEqual(conversation)
      expect(fit.dropped).toBe(0)
      expect(fit.systemTokens).toBe(countMessageTokens(system, model))
      expect(fit.messageTokens).toBe(
        conversation.reduce((n, m) => n + countMessageTokens(m.content, model), 0),
      )
      expect(fit.totalTokens).toBe(fit.systemTokens + fit.messageTokens + REPLY_PRIMING_TOKENS)
      expect(fit.fits).toBe(true)
    },
  )

  it.each(['gpt-4o', 'claude-sonnet-4-5'])(
    'in a small window keeps the system prompt and the newest messages that fit (%s)',
    (model) => {
      const contextWindow = 1_000
      const reserveForReply = 200
      const fit = fitToContext({
        model,
        system,
        messages: conversation,
        contextWindow,
        reserveForReply,
      })
      expect(fit.budget).toBe(800)
      expect(fit.system).toBe(system)
      expect(fit.dropped).toBeGreaterThan(0)
      // The newest ones, in order, ending with the message being answered.
      expect(fit.messages).toEqual(conversation.slice(fit.dropped))
      expect(fit.totalTokens).toBeLessThanOrEqual(fit.budget)
      // And as many as possible: one more older message would not fit.
      const next = countMessageTokens(conversation[fit.dropped - 1]!.content, model)
      expect(fit.totalTokens + next).toBeGreaterThan(fit.budget)
      expect(fit.fits).toBe(true)
    },
  )

  it('reserves room for the reply by default', () => {
    expect(defaultReplyReserve(128_000)).toBe(4_096)
    expect(defaultReplyReserve(4_096)).toBe(1_024)
    const fit = fitToContext({
      model: 'llama3.2',
      system,
      messages: conversation,
      contextWindow: 2_000,
    })
    expect(fit.reserveForReply).toBe(500)
    expect(fit.totalTokens).toBeLessThanOrEqual(1_500)
  })

  it('always keeps the system prompt and the newest message, flagging when they overflow', () => {
    const huge = 'long '.repeat(2_000)
    const fit = fitToContext({
      model: 'gpt-4o',
      system: huge,
      messages: conversation,
      contextWindow: 1_000,
      reserveForReply: 100,
    })
    expect(fit.system).toBe(huge)
    expect(fit.messages).toEqual([conversation.at(-1)])
    expect(fit.dropped).toBe(conversation.length - 1)
    expect(fit.fits).toBe(false)
    expect(fit.totalTokens).toBeGreaterThan(fit.budget)
  })

  it('counts no system tokens for an empty system prompt', () => {
    const fit = fitToContext({
      model: 'gpt-4o',
      system: '',
      messages: conversation.slice(-1),
      contextWindow: 8_000,
    })
    expect(fit.systemTokens).toBe(0)
  })
})

describe('contextWindowFor', () => {
  it('prefers the configured window, then the published one, then a per-kind default', () => {
    expect(contextWindowFor('openai', 'gpt-4o', 50_000)).toBe(50_000)
    expect(contextWindowFor('openai', 'gpt-4o-mini')).toBe(128_000)
    expect(contextWindowFor('openai', 'gpt-4.1-mini')).toBe(1_047_576)
    expect(contextWindowFor('openai', 'gpt-4')).toBe(8_192)
    expect(contextWindowFor('anthropic', 'claude-sonnet-4-5')).toBe(200_000)
    expect(contextWindowFor('openai-compatible', 'openai/gpt-4o')).toBe(128_000)
    expect(contextWindowFor('ollama', 'llama3.2')).toBe(4_096)
    expect(contextWindowFor('openai-compatible', 'my-local-model')).toBe(8_192)
  })
})
