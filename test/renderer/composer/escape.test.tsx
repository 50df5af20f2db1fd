import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { freshPageEachTest, openSession } from './page'

const core = freshPageEachTest({ fastOffline: true })

const memoryPanel = () => screen.queryByRole('region', { name: 'Memory' })

describe('Esc closes whichever panel or dialog is on top', () => {
  it('the Memory panel, with focus inside it or in the message box', async () => {
    await core().addSession('Remembering')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Remembering')

    await user.click(screen.getByRole('button', { name: 'Memory' }))
    const panel = await screen.findByRole('region', { name: 'Memory' })
    await user.click(await within(panel).findByRole('checkbox', { name: "Don't use memory here" }))
    await user.keyboard('{Escape}')
    expect(memoryPanel()).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Memory' }))
    await screen.findByRole('region', { name: 'Memory' })
    await user.click(box)
    await user.keyboard('{Escape}')
    expect(memoryPanel()).toBeNull()
  })

  it('Settings opened over the Memory panel closes first, then the panel', async () => {
    await core().addSession('Stacked')
    render(<App />)
    const user = userEvent.setup()
    await openSession('Stacked')
    await user.click(screen.getByRole('button', { name: 'Memory' }))
    await screen.findByRole('region', { name: 'Memory' })
    await user.keyboard('{Control>},{/Control}')
    await screen.findByRole('dialog', { name: 'Settings' })

    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull()
    expect(memoryPanel()).not.toBeNull()
    await user.keyboard('{Escape}')
    expect(memoryPanel()).toBeNull()
  })

  it('the Vault, with focus in its password field', async () => {
    render(<App />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Vault' }))
    const vault = await screen.findByRole('region', { name: 'Vault' })
    const [password] = await within(vault).findAllByLabelText(/password/i)
    await user.type(password!, 'secret')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('region', { name: 'Vault' })).toBeNull()
  })

  it('the delete confirmation and "What the model saw"', async () => {
    const talked = await core().addSession('Talked')
    render(<App />)
    const user = userEvent.setup()
    const box = await openSession('Talked')
    await user.type(box, 'hello{Enter}')
    await screen.findByRole('article', { name: 'assistant message' })
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull())
    const reply = screen.getByRole('article', { name: 'assistant message' })
    await user.click(await within(reply).findByRole('button', { name: 'What the model saw' }))
    await screen.findByRole('dialog', { name: 'What the model saw' })
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'What the model saw' })).toBeNull()

    const item = screen.getByRole('link', { name: 'Talked' }).closest('li')!
    await user.click(within(item).getByRole('button', { name: 'Session actions' }))
    await user.click(screen.getByRole('menuitem', { name: 'Delete' }))
    await screen.findByRole('dialog', { name: 'Delete session?' })
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Delete session?' })).toBeNull()
    expect(await core().storedSession(talked.id)).not.toBeNull()
    expect(screen.getByRole('link', { name: 'Talked' })).toBeInTheDocument()
  })
})
