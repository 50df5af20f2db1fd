import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { WithheldContext } from '../../../src/shared/domain'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

/** A stored reply whose model was not local: main recorded what it kept from it. */
async function replyWithheld(title: string, withheld?: WithheldContext): Promise<HTMLElement> {
  const session = await core.addSession(title)
  const question = await core.addMessage(session.id, 'user', 'What do I usually order?')
  await core.addMessage(session.id, 'assistant', 'I cannot say.', {
    provider: 'openai',
    model: 'gpt-4o-mini',
    parentId: question.id,
    metadata: {
      context: { tokens: { used: 40, window: 8192 }, messageIds: [question.id], truncated: false },
      ...(withheld && { contextWithheld: withheld }),
    },
  })
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: title }))
  const reply = await screen.findByRole('article', { name: 'assistant message' })
  await userEvent.click(await within(reply).findByRole('button', { name: 'What the model saw' }))
  const dialog = await screen.findByRole('dialog', { name: 'What the model saw' })
  await within(dialog).findByRole('heading', { name: /Messages/ })
  return dialog
}

describe('"What the model saw" when memories were kept from a model that is not local', () => {
  it('says memories and recall were withheld, and why', async () => {
    const dialog = await replyWithheld('Cloud', {
      memories: true,
      recall: true,
      reason: 'localOnly',
    })
    expect(
      within(dialog).getByText(
        'Memories and messages recalled from past sessions were withheld: this model is not local, and “Send memories only to local models” is on (Settings → Memories).',
      ),
    ).toBeVisible()
  })

  it('names only what was withheld', async () => {
    const dialog = await replyWithheld('Recall only', {
      memories: false,
      recall: true,
      reason: 'localOnly',
    })
    expect(
      within(dialog).getByText(/^Messages recalled from past sessions were withheld/),
    ).toBeVisible()
  })

  it('says nothing of the kind when nothing was withheld', async () => {
    const dialog = await replyWithheld('Local')
    expect(within(dialog).queryByText(/withheld/)).toBeNull()
  })
})
