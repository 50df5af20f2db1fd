import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { ContextSourceUse } from '../../../src/shared/domain'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

async function replyWith(title: string, sources: ContextSourceUse[]): Promise<HTMLElement> {
  const session = await core.addSession(title)
  const question = await core.addMessage(session.id, 'user', 'Which insects make honey?')
  await core.addMessage(session.id, 'assistant', 'Bees do.', {
    provider: 'offline',
    model: 'offline',
    parentId: question.id,
    metadata: {
      context: { tokens: { used: 40, window: 8192 }, messageIds: [question.id], truncated: false },
      contextSources: sources,
    },
  })
  render(<App />)
  await userEvent.click(await screen.findByRole('link', { name: title }))
  const reply = await screen.findByRole('article', { name: 'assistant message' })
  await userEvent.click(await within(reply).findByRole('button', { name: 'What the model saw' }))
  const dialog = await screen.findByRole('dialog', { name: 'What the model saw' })
  await within(dialog).findByRole('heading', { name: 'Also given' })
  return dialog
}

const recalled = (id: string, label: string, match?: ContextSourceUse['match']) => ({
  kind: 'recall' as const,
  id,
  label,
  sessionId: `s-${id}`,
  messageId: id,
  ...(match ? { match } : {}),
})

describe('"What the model saw": how each recalled snippet was found', () => {
  it('labels snippets found by meaning, by keywords and by both', async () => {
    const dialog = await replyWith('Honey', [
      { kind: 'memory', id: 'tea', label: 'Preferences: tea' },
      recalled('m1', 'Beehive', 'meaning'),
      recalled('m2', 'Insects', 'both'),
      recalled('m3', 'Mortgage', 'keywords'),
    ])
    const items = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(items).toEqual(
      expect.arrayContaining([
        'Memory: Preferences: tea',
        'Recalled: Beehive (found by meaning)',
        'Recalled: Insects (found by keywords and meaning)',
        'Recalled: Mortgage (found by keywords)',
      ]),
    )
  })

  it('shows no label for a reply stored before recall recorded it', async () => {
    const dialog = await replyWith('Older reply', [recalled('m4', 'Garden')])
    expect(within(dialog).getByText('Recalled: Garden')).toBeTruthy()
    expect(within(dialog).queryByText(/found by/)).toBeNull()
  })
})
