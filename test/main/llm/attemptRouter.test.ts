import { describe, expect, it } from 'vitest'
import {
  ATTEMPT_HEADER,
  AttemptRouter,
  UnroutedRequestError,
} from '../../../src/main/llm/providers/attemptRouter'
import type { FetchFn } from '../../../src/main/llm/providers/httpTransport'

/** A fetch that answers with the headers it was given, as JSON. */
function echo(name: string): FetchFn {
  return async (_input, init = {}) =>
    Response.json({ name, headers: Object.fromEntries(new Headers(init.headers)) })
}

describe('AttemptRouter', () => {
  it("hands each request to its attempt's fetch and strips the routing header", async () => {
    const router = new AttemptRouter()
    const one = router.begin(echo('one'))
    const two = router.begin(echo('two'))
    const viaTwo = await router.fetch('http://127.0.0.1/x', {
      headers: { ...two.headers, authorization: 'Bearer k' },
    })
    const viaOne = await router.fetch('http://127.0.0.1/x', { headers: one.headers })
    expect(await viaTwo.json()).toEqual({ name: 'two', headers: { authorization: 'Bearer k' } })
    expect(await viaOne.json()).toEqual({ name: 'one', headers: {} })
  })

  it('refuses a request with no attempt, or one whose attempt has ended', async () => {
    const router = new AttemptRouter()
    await expect(router.fetch('http://127.0.0.1/x')).rejects.toBeInstanceOf(UnroutedRequestError)
    const attempt = router.begin(echo('gone'))
    attempt.end()
    expect(router.openAttempts).toBe(0)
    await expect(
      router.fetch('http://127.0.0.1/x', { headers: { [ATTEMPT_HEADER]: '1' } }),
    ).rejects.toBeInstanceOf(UnroutedRequestError)
  })
})
