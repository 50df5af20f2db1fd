import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

async function chipNames(sessionTitle: string): Promise<string[]> {
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: sessionTitle }))
  const reply = await screen.findByRole('article', { name: 'assistant message' })
  const chips = await within(reply).findByRole('list', { name: 'Recalled from' })
  return within(chips)
    .getAllByRole('button')
    .map((b) => b.textContent ?? '')
}

describe('"Recalled from" chips', () => {
  it('list a session recalled with two of its messages once', async () => {
    const dogs = await core.addSession('Dog adoption')
    await core.addMessage(dogs.id, 'user', 'We adopted a greyhound called Biscuit.')
    await core.addMessage(dogs.id, 'user', 'Biscuit the greyhound sleeps all day.')
    const vet = await core.addSession('Vet visits')
    await core.addMessage(vet.id, 'user', 'The vet weighed Biscuit on Monday.')
    const food = await core.addSession('Pet food')
    const sent = await core.mirror.chat.send({
      sessionId: food.id,
      text: 'What food suits a greyhound like Biscuit?',
      pattern: 'exploratory',
      uncertainty: 'none',
    })
    await sent.completion

    expect(await chipNames('Pet food')).toEqual(['Dog adoption', 'Vet visits'])
  })

  it('list a session once in a reply stored with two of its snippets', async () => {
    const dogs = await core.addSession('Dog adoption')
    const first = await core.addMessage(dogs.id, 'user', 'We adopted a greyhound.')
    const second = await core.addMessage(dogs.id, 'user', 'The greyhound sleeps all day.')
    const food = await core.addSession('Pet food')
    await core.addMessage(food.id, 'user', 'What food suits a greyhound?')
    const use = (messageId: string) => ({
      kind: 'recall' as const,
      id: messageId,
      label: 'Dog adoption',
      sessionId: dogs.id,
      messageId,
    })
    await core.addMessage(food.id, 'assistant', 'Lean meat, mostly.', {
      metadata: { contextSources: [use(first.id), use(second.id)] },
    })

    expect(await chipNames('Pet food')).toEqual(['Dog adoption'])
  })
})
