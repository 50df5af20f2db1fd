import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
const PASSWORD = 'renderer vault password'

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
  await core.setUpVault(PASSWORD)
})

/** A stored session whose user said `lines` (no provider involved). */
async function seedSession(title: string, lines: string[]) {
  const session = await core.addSession(title)
  const messages = []
  for (const line of lines) messages.push(await core.addMessage(session.id, 'user', line))
  return { session, messages }
}

/** Opens the session and runs "What should I remember?" from its actions menu. */
async function askWhatToRemember(title: string) {
  const link = await screen.findByRole('link', { name: title })
  await userEvent.click(link)
  const item = link.closest('li')!
  await userEvent.click(within(item).getByRole('button', { name: 'Session actions' }))
  await userEvent.click(await screen.findByRole('menuitem', { name: 'What should I remember?' }))
  return screen.findByRole('dialog', { name: 'Memory suggestions' })
}

/** The sidebar's way to the review list: there only while suggestions wait. */
const badgeButton = () => screen.getByRole('button', { name: 'Memory suggestions' })
const noBadgeButton = () =>
  expect(screen.queryByRole('button', { name: 'Memory suggestions' })).toBeNull()

describe('memory suggestions', () => {
  it('drafts from the session, then edit-and-accept and reject each update the vault and the badge', async () => {
    const { session, messages } = await seedSession('About me', [
      'My name is Ada.',
      'I want to learn the cello.',
    ])
    render(<App />)
    const dialog = await askWhatToRemember('About me')
    const list = await within(dialog).findByRole('list', { name: 'Suggestions' })
    const name = within(list).getByRole('listitem', { name: 'Name is Ada' })
    const goal = within(list).getByRole('listitem', { name: 'Wants to learn the cello' })
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      '2 new suggestions from “About me”.',
    )
    expect(name).toHaveTextContent('Why: a name you gave, noticed by ActiveMirror (offline).')
    expect(within(name).getByRole('link', { name: 'About me' })).toBeInTheDocument()
    await waitFor(() => expect(badgeButton()).toHaveAccessibleDescription('2 waiting for review'))

    await userEvent.click(within(name).getByRole('button', { name: 'Edit' }))
    const text = within(name).getByRole('textbox', { name: 'Memory text' })
    await userEvent.clear(text)
    await userEvent.type(text, 'Is called Ada')
    await userEvent.click(within(name).getByRole('button', { name: 'Accept' }))
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1))
    // The decided suggestion took the focused button with it: focus moves on to the next.
    await waitFor(() => expect(within(goal).getByRole('button', { name: 'Accept' })).toHaveFocus())
    await waitFor(() => expect(badgeButton()).toHaveAccessibleDescription('1 waiting for review'))

    await userEvent.click(within(goal).getByRole('button', { name: 'Reject' }))
    expect(await within(dialog).findByText('No suggestions waiting for review.')).toBeVisible()
    expect(within(dialog).getByRole('button', { name: 'Close' })).toHaveFocus()
    await waitFor(noBadgeButton)

    const memories = await core.mirror.memory.list()
    expect(memories.map((m) => [m.text, m.scope, m.source])).toEqual([
      ['Is called Ada', { kind: 'global' }, { sessionId: session.id, messageId: messages[0]!.id }],
    ])
    expect(await core.mirror.memory.suggestions()).toEqual([])
    // Rejected: asking again suggests nothing new.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }))
    const again = await askWhatToRemember('About me')
    expect(await within(again).findByRole('status')).toHaveTextContent(
      'Nothing to suggest from “About me”: no new preferences, goals, names or decisions.',
    )
  })

  it('shows an update to a memory as old and new side by side, and accepting replaces it', async () => {
    const kept = await core.mirror.memory.add('Name is Sam')
    await seedSession('Names', ['My name is Samuel.'])
    render(<App />)
    const dialog = await askWhatToRemember('Names')
    const pair = await within(dialog).findByRole('group', { name: 'Update to a memory' })
    expect(within(pair).getByText('Old').nextSibling).toHaveTextContent('Name is Sam')
    expect(within(pair).getByText('New').nextSibling).toHaveTextContent('Name is Samuel')

    await userEvent.click(within(dialog).getByRole('button', { name: 'Accept' }))
    await waitFor(async () =>
      expect((await core.mirror.memory.list()).map((m) => [m.id, m.text])).toEqual([
        [kept.id, 'Name is Samuel'],
      ]),
    )
  })

  it('says why nothing can be reviewed while the vault is locked', async () => {
    await seedSession('Locked away', ['I prefer tea.'])
    core.mirror.vault.lock('manual')
    render(<App />)
    const dialog = await askWhatToRemember('Locked away')
    expect(
      await within(dialog).findByText(
        'Memories live in the vault: open it to review what ActiveMirror would remember.',
      ),
    ).toBeVisible()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open vault' }))
    expect(screen.queryByRole('dialog', { name: 'Memory suggestions' })).toBeNull()
    expect(await screen.findByRole('heading', { name: 'Vault locked' })).toBeVisible()
  })

  it('Edit can choose where the memory applies: only the session it came from', async () => {
    const { session } = await seedSession('Just here', ['I prefer bullet points.'])
    render(<App />)
    const dialog = await askWhatToRemember('Just here')
    const item = await within(dialog).findByRole('listitem', { name: 'Prefers bullet points' })
    await userEvent.click(within(item).getByRole('button', { name: 'Edit' }))
    const where = within(item).getByRole('combobox', { name: 'Remember in' })
    expect(where).toHaveDisplayValue('Global')
    await userEvent.selectOptions(where, 'Session “Just here”')
    await userEvent.click(within(item).getByRole('button', { name: 'Accept' }))
    await waitFor(async () =>
      expect((await core.mirror.memory.list()).map((m) => [m.text, m.scope])).toEqual([
        ['Prefers bullet points', { kind: 'session', id: session.id }],
      ]),
    )
  })

  it('the badge follows suggestions drafted elsewhere (memory.changed)', async () => {
    const { session } = await seedSession('Elsewhere', ['I prefer trains to planes.'])
    render(<App />)
    await screen.findByRole('link', { name: 'Elsewhere' })
    noBadgeButton()
    await core.mirror.memory.suggest(session.id)
    await waitFor(() => expect(badgeButton()).toHaveAccessibleDescription('1 waiting for review'))
    await userEvent.click(badgeButton())
    const dialog = await screen.findByRole('dialog', { name: 'Memory suggestions' })
    expect(
      await within(dialog).findByRole('listitem', { name: 'Prefers trains to planes' }),
    ).toBeVisible()
  })
})
