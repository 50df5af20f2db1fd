import { render, screen, waitFor, within } from '@testing-library/react'
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

const nav = () => screen.getByRole('navigation', { name: 'Sessions' })

describe('automatic titles on the real core', () => {
  it('the list shows the new title after the first reply, without a reload', async () => {
    const user = userEvent.setup()
    render(<App />)
    await user.click(screen.getByRole('button', { name: 'New session' }))
    expect(await within(nav()).findByRole('link', { name: 'New session' })).toBeInTheDocument()
    const box = await screen.findByRole('textbox', { name: 'Message' })
    await user.type(box, 'Why do cats purr when they are happy?{Enter}')
    const link = await within(nav()).findByRole(
      'link',
      { name: 'Why do cats purr when they' },
      { timeout: 5_000 },
    )
    expect(link).toBeInTheDocument()
    expect(within(nav()).queryByRole('link', { name: 'New session' })).toBeNull()
    // Only the window's own event did it: no list reload was needed.
    expect(core.bridge.callsTo('sessions.list')).toHaveLength(1)
    const [stored] = (await core.mirror.sessions.list()).items
    expect(stored?.title).toBe('Why do cats purr when they')
  })

  it('"Regenerate title" in the session menu makes a new one, also over a name', async () => {
    const user = userEvent.setup()
    const session = await core.addSession('My notes')
    await core.addMessage(session.id, 'user', 'How tall is Mount Fuji?')
    await core.addMessage(session.id, 'assistant', 'About 3,776 metres.')
    render(<App />)
    const item = (await within(nav()).findByRole('link', { name: 'My notes' })).closest('li')!
    await user.click(within(item).getByRole('button', { name: 'Session actions' }))
    const menu = screen.getByRole('menu')
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((m) => m.textContent),
    ).toContain('Regenerate title')
    await user.click(within(menu).getByRole('menuitem', { name: 'Regenerate title' }))
    expect(
      await within(nav()).findByRole('link', { name: 'How tall is Mount Fuji' }),
    ).toBeInTheDocument()
    await waitFor(async () =>
      expect((await core.storedSession(session.id))?.title).toBe('How tall is Mount Fuji'),
    )
  })
})
