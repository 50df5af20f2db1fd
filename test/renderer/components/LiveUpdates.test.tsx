import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { randomUUID } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { Message } from '../../../src/shared/domain'
import { localMessage } from '../../../src/renderer/src/lib/messages'
import { useChatStore } from '../../../src/renderer/src/stores/chatStore'
import type { TestCore } from '../core/testCore'
import { freshCore, otherProcess } from '../helpers'

let core: TestCore

beforeEach(async () => {
  // SQLite on disk: the app's core watches it, as the desktop app and the browser host do.
  core = await freshCore('sqlite')
  window.history.replaceState(null, '', '/')
})

function nav() {
  return screen.getByRole('navigation', { name: 'Sessions' })
}

function userMessage(sessionId: string, content: string): Message {
  return localMessage(`msg_${randomUUID()}`, sessionId, 'user', content)
}

const SOON = { timeout: 2_000 }

describe('changes made by another process', () => {
  it('show in the list and the open session without a reload; the draft stays', async () => {
    const story = await core.addSession('Story')
    await core.addMessage(story.id, 'user', 'the first line')
    const old = await core.addSession('Old notes')
    render(<App />)
    const user = userEvent.setup()
    await user.click(await within(nav()).findByRole('link', { name: 'Story' }))
    const log = screen.getByRole('log', { name: 'Messages' })
    await within(log).findByText('the first line')
    const box = screen.getByRole('textbox', { name: 'Message' })
    await user.type(box, 'half a thought')

    const other = await otherProcess(core)
    await other.sessions.create({ title: 'Made by the CLI' })
    await other.storage.appendMessage(userMessage(story.id, 'a line sent from the CLI'))
    await within(nav()).findByRole('link', { name: 'Made by the CLI' }, SOON)
    await within(log).findByText('a line sent from the CLI', {}, SOON)
    expect(within(log).getByText('the first line')).toBeInTheDocument()

    await other.sessions.rename(story.id, 'Story, renamed')
    await other.sessions.delete(old.id)
    await within(nav()).findByRole('link', { name: 'Story, renamed' }, SOON)
    await waitFor(
      () => expect(within(nav()).queryByRole('link', { name: 'Old notes' })).toBeNull(),
      SOON,
    )
    await other.sessions.archive(story.id)
    await waitFor(
      () => expect(within(nav()).queryByRole('link', { name: 'Story, renamed' })).toBeNull(),
      SOON,
    )

    // What the user was doing is untouched: the draft, the open thread.
    expect(box).toHaveValue('half a thought')
    expect(within(log).getByText('a line sent from the CLI')).toBeInTheDocument()
  })

  it('keeps older pages already loaded, so the reader stays where they were', async () => {
    const long = await core.addSession('Long')
    for (let i = 1; i <= 60; i += 1) await core.addMessage(long.id, 'user', `note ${i}`)
    render(<App />)
    const user = userEvent.setup()
    await user.click(await within(nav()).findByRole('link', { name: 'Long' }))
    await user.click(await screen.findByRole('button', { name: 'Load older messages' }))
    const contents = () => useChatStore.getState().bySession[long.id]?.items.map((m) => m.content)
    await waitFor(() => expect(contents()).toHaveLength(60))

    const other = await otherProcess(core)
    await other.storage.appendMessage(userMessage(long.id, 'note from elsewhere'))
    await waitFor(() => expect(contents()?.at(-1)).toBe('note from elsewhere'), SOON)
    expect(contents()).toEqual([
      ...Array.from({ length: 60 }, (_, i) => `note ${i + 1}`),
      'note from elsewhere',
    ])
  })

  it('closes the open session when another process deleted it, and says so', async () => {
    const doomed = await core.addSession('Doomed')
    render(<App />)
    const user = userEvent.setup()
    await user.click(await within(nav()).findByRole('link', { name: 'Doomed' }))
    await screen.findByRole('textbox', { name: 'Message' })

    const other = await otherProcess(core)
    await other.sessions.delete(doomed.id)
    expect(
      await screen.findByText('“Doomed” was deleted by another program.', {}, SOON),
    ).toBeInTheDocument()
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull()
    expect(within(nav()).queryByRole('link', { name: 'Doomed' })).toBeNull()
  })

  it('a vault another process set up shows as locked in the open vault panel', async () => {
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Vault' }))
    const vault = screen.getByRole('region', { name: 'Vault' })
    await within(vault).findByRole('heading', { name: 'Set up your vault' })

    const other = await otherProcess(core)
    await other.vault.init('a password set elsewhere')
    // That process holds its own key: this window is asked for the password.
    expect(
      await within(vault).findByRole('heading', { name: 'Vault locked' }, SOON),
    ).toBeInTheDocument()
  })
})
