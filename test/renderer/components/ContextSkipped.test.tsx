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

async function openWhatTheModelSaw(title: string): Promise<HTMLElement> {
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: title }))
  const reply = await screen.findByRole('article', { name: 'assistant message' })
  await userEvent.click(await within(reply).findByRole('button', { name: 'What the model saw' }))
  return screen.findByRole('dialog', { name: 'What the model saw' })
}

describe('"What the model saw" for a reply whose context source was late', () => {
  it('says recall took too long and was skipped', async () => {
    const session = await core.addSession('Late recall')
    const question = await core.addMessage(session.id, 'user', 'When should I train?')
    await core.addMessage(session.id, 'assistant', 'In the morning.', {
      provider: 'offline',
      model: 'offline',
      parentId: question.id,
      metadata: {
        context: {
          tokens: { used: 40, window: 8192 },
          messageIds: [question.id],
          truncated: false,
        },
        contextSkipped: [{ id: 'recall', reason: 'slow' }],
      },
    })
    const dialog = await openWhatTheModelSaw('Late recall')
    expect(await within(dialog).findByText('Recall took too long and was skipped.')).toBeTruthy()
  })

  it('says nothing of the kind when every source was in time', async () => {
    const session = await core.addSession('On time')
    await core.mirror.chat
      .send({
        sessionId: session.id,
        text: 'hello',
        pattern: 'exploratory',
        uncertainty: 'none',
      })
      .then((sent) => sent.completion)
    const dialog = await openWhatTheModelSaw('On time')
    await within(dialog).findByRole('heading', { name: /Messages/ })
    expect(within(dialog).queryByText(/took too long/)).toBeNull()
  })
})
