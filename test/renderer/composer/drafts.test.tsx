import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { freshPageEachTest, openSession, reloadApp } from './page'

const KEY = 'activemirror.draft.'

const core = freshPageEachTest()

describe('Drafts', () => {
  it('each session keeps its own draft across switches', async () => {
    await core().addSession('First')
    await core().addSession('Second')
    render(<App />)
    const user = userEvent.setup()

    await user.type(await openSession('First'), 'half a thought')
    await user.type(await openSession('Second'), 'another{Shift>}{Enter}{/Shift}line')
    expect(await openSession('First')).toHaveValue('half a thought')
    expect(await openSession('Second')).toHaveValue('another\nline')
  })

  it('a draft survives a reload; one that was sent does not come back', async () => {
    const kept = await core().addSession('Kept')
    const sent = await core().addSession('Sent')
    render(<App />)
    const user = userEvent.setup()
    await user.type(await openSession('Kept'), 'still writing this')
    await user.type(await openSession('Sent'), 'send me{Enter}')
    await screen.findByRole('article', { name: 'assistant message' })
    expect(localStorage.getItem(KEY + kept.id)).toBe('still writing this')
    expect(localStorage.getItem(KEY + sent.id)).toBeNull()

    reloadApp()
    expect(await openSession('Kept')).toHaveValue('still writing this')
    expect(await openSession('Sent')).toHaveValue('')
  })

  it('a Sensitive draft stays in memory only: kept across switches, never in localStorage', async () => {
    const secret = await core().addSession('Secret')
    await core().addSession('Other')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Secret')
    await user.type(box, 'plain words')
    expect(localStorage.getItem(KEY + secret.id)).toBe('plain words')
    await user.click(screen.getByRole('checkbox', { name: 'Sensitive' }))
    // Ticking Sensitive removes the copy already on disk.
    expect(localStorage.getItem(KEY + secret.id)).toBeNull()
    await user.type(box, ' and a secret')
    expect(localStorage.getItem(KEY + secret.id)).toBeNull()

    await openSession('Other')
    expect(await openSession('Secret')).toHaveValue('plain words and a secret')
    expect(screen.getByRole('checkbox', { name: 'Sensitive' })).toBeChecked()
    expect(Object.values({ ...localStorage })).not.toContain('plain words and a secret')

    reloadApp()
    expect(await openSession('Secret')).toHaveValue('')
  })

  it('deleting a session drops its draft; drafts of sessions deleted elsewhere go at start', async () => {
    const doomed = await core().addSession('Doomed')
    const staying = await core().addSession('Staying')
    render(<App />)
    const user = userEvent.setup()
    await user.type(await openSession('Staying'), 'keep this')
    await user.type(await openSession('Doomed'), 'about to go')
    expect(localStorage.getItem(KEY + doomed.id)).toBe('about to go')

    const item = screen.getByRole('link', { name: 'Doomed' }).closest('li')!
    await user.click(within(item).getByRole('button', { name: 'Session actions' }))
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete session?' })
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Doomed' })).toBeNull())
    expect(localStorage.getItem(KEY + doomed.id)).toBeNull()

    // Deleted by another process (the CLI) while the page was closed.
    await user.type(await openSession('Staying'), '!')
    const gone = await core().addSession('Gone')
    localStorage.setItem(KEY + gone.id, 'orphan')
    await core().mirror.sessions.delete(gone.id)
    reloadApp()
    await waitFor(() => expect(localStorage.getItem(KEY + gone.id)).toBeNull())
    expect(localStorage.getItem(KEY + staying.id)).toBe('keep this!')
    expect(await openSession('Staying')).toHaveValue('keep this!')
  })
})

describe('Drafts and live updates', () => {
  it('the open session deleted by another program takes its draft with it', async () => {
    const doomed = await core().addSession('Deleted elsewhere')
    render(<App />)
    const user = userEvent.setup()
    await user.type(await openSession('Deleted elsewhere'), 'unsent words')
    expect(localStorage.getItem(KEY + doomed.id)).toBe('unsent words')

    // What main reports when another process (the CLI) deleted it.
    await core().mirror.sessions.delete(doomed.id)
    core().bridge.emit('sessions.changed', { sessionIds: [doomed.id], all: false })
    await screen.findByText('“Deleted elsewhere” was deleted by another program.')
    expect(localStorage.getItem(KEY + doomed.id)).toBeNull()
  })
})
