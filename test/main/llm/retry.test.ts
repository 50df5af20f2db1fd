import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RETRY_POLICY,
  retryAfterMs,
  retryDelay,
  sleep,
} from '../../../src/main/llm/providers/retry'

describe('retry-after', () => {
  it('reads retry-after-ms, retry-after seconds and an HTTP date', () => {
    const now = Date.parse('2025-10-09T12:00:00Z')
    expect(retryAfterMs({ 'retry-after-ms': '250' }, now)).toBe(250)
    expect(retryAfterMs({ 'Retry-After': '3' }, now)).toBe(3_000)
    expect(retryAfterMs({ 'retry-after': 'Thu, 09 Oct 2025 12:00:05 GMT' }, now)).toBe(5_000)
    expect(retryAfterMs({ 'retry-after': 'Thu, 09 Oct 2025 11:00:00 GMT' }, now)).toBe(0)
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeNull()
    expect(retryAfterMs({}, now)).toBeNull()
  })
})

describe('retryDelay', () => {
  const policy = { maxRetries: 2, baseDelayMs: 100, maxRetryAfterMs: 5_000 }

  it('backs off exponentially, then stops', () => {
    expect(retryDelay(policy, 0, null)).toBe(100)
    expect(retryDelay(policy, 1, null)).toBe(200)
    expect(retryDelay(policy, 2, null)).toBeNull()
  })

  it('waits what the server asked within the cap, and gives up beyond it', () => {
    expect(retryDelay(policy, 0, 4_000)).toBe(4_000)
    expect(retryDelay(policy, 0, 6_000)).toBeNull()
  })

  it('defaults to two retries', () => {
    expect(DEFAULT_RETRY_POLICY.maxRetries).toBe(2)
  })
})

describe('sleep', () => {
  it('ends early when aborted', async () => {
    const controller = new AbortController()
    const started = performance.now()
    setTimeout(() => controller.abort(), 20)
    await sleep(5_000, controller.signal)
    expect(performance.now() - started).toBeLessThan(1_000)
  })
})
