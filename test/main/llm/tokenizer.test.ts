import { describe, expect, it } from 'vitest'
import {
  MESSAGE_OVERHEAD_TOKENS,
  countMessageTokens,
  countTokens,
  estimateTokens,
  tokenizerFor,
} from '../../../src/main/llm/tokenizer'

describe('tokenizer', () => {
  it('picks o200k_base / cl100k_base for OpenAI-family models and an estimate otherwise', () => {
    expect(tokenizerFor('gpt-4o-mini')).toBe('o200k_base')
    expect(tokenizerFor('gpt-4.1')).toBe('o200k_base')
    expect(tokenizerFor('o3-mini')).toBe('o200k_base')
    expect(tokenizerFor('openai/gpt-5')).toBe('o200k_base')
    expect(tokenizerFor('gpt-oss:20b')).toBe('o200k_base')
    expect(tokenizerFor('gpt-4-turbo')).toBe('cl100k_base')
    expect(tokenizerFor('gpt-3.5-turbo')).toBe('cl100k_base')
    expect(tokenizerFor('claude-sonnet-4-5')).toBe('estimate')
    expect(tokenizerFor('llama3.2')).toBe('estimate')
  })

  it('counts real BPE tokens for OpenAI models, not characters', () => {
    // Common English words are single tokens in both encodings.
    expect(countTokens('hello world', 'gpt-4o')).toBe(2)
    expect(countTokens('hello world', 'gpt-4')).toBe(2)
    expect(countTokens('', 'gpt-4o')).toBe(0)
    const text = 'The quick brown fox jumps over the lazy dog. '
    const once = countTokens(text, 'gpt-4o')
    // Roughly linear (pieces merge a little across the joins), far below the character count.
    expect(countTokens(text.repeat(10), 'gpt-4o')).toBeGreaterThanOrEqual(9 * once)
    expect(countTokens(text.repeat(10), 'gpt-4o')).toBeLessThanOrEqual(10 * once)
    expect(countTokens(text, 'gpt-4o')).not.toBe(estimateTokens(text))
  })

  it('the two encodings differ where their vocabularies do', () => {
    const text = 'Размышления о неопределённости и доверии'
    expect(countTokens(text, 'gpt-4o')).toBeLessThan(countTokens(text, 'gpt-4'))
  })

  it('treats special-token text typed by a user as plain text', () => {
    expect(() => countTokens('<|endoftext|> and <|im_start|>', 'gpt-4o')).not.toThrow()
    expect(countTokens('<|endoftext|>', 'gpt-4o')).toBeGreaterThan(1)
  })

  it('estimates chars/4 rounded up for other models', () => {
    expect(countTokens('abcd', 'llama3.2')).toBe(1)
    expect(countTokens('abcde', 'claude-sonnet-4-5')).toBe(2)
    expect(countTokens('', 'llama3.2')).toBe(0)
  })

  it('adds the per-message framing', () => {
    expect(countMessageTokens('hello world', 'gpt-4o')).toBe(2 + MESSAGE_OVERHEAD_TOKENS)
  })

  it('counts a text again the same way, and apart per encoding (counts are remembered)', () => {
    const text = 'Размышления о неопределённости и доверии, ещё раз'
    const o200k = countTokens(text, 'gpt-4o')
    const cl100k = countTokens(text, 'gpt-4')
    expect(o200k).toBeLessThan(cl100k)
    for (let i = 0; i < 3; i++) {
      expect(countTokens(text, 'gpt-4o')).toBe(o200k)
      expect(countTokens(text, 'gpt-4')).toBe(cl100k)
    }
  })
})
