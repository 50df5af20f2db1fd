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

async function seed(): Promise<void> {
  const s = await core.addSession('Weather with tools')
  await core.addMessage(s.id, 'user', 'Weather at the lighthouse?')
  await core.addMessage(s.id, 'tool', '{"station": "Fastnet", "sky": "fog"}')
  await core.addMessage(s.id, 'function', 'visibility: 200 m of fog')
  await core.addMessage(s.id, 'system', 'Be brief.')
  await core.addMessage(s.id, 'assistant', 'Fog, **200 m**.')
}

describe('messages with tool and function roles', () => {
  it('show as their own articles with a visible role label and plain text', async () => {
    await seed()
    render(<App />)
    await userEvent.setup().click(await screen.findByRole('link', { name: 'Weather with tools' }))
    const log = await screen.findByRole('log', { name: 'Messages' })

    const tool = await within(log).findByRole('article', { name: 'tool message' })
    expect(within(tool).getByText('Tool')).toHaveClass('message-role')
    expect(tool).toHaveClass('message-tool')
    // Tool output is shown verbatim, not rendered as Markdown.
    expect(within(tool).getByText('{"station": "Fastnet", "sky": "fog"}')).toHaveClass(
      'message-plain',
    )

    const fn = within(log).getByRole('article', { name: 'function message' })
    expect(within(fn).getByText('Function')).toHaveClass('message-role')
    expect(fn).toHaveClass('message-function')
    expect(within(fn).getByText('visibility: 200 m of fog')).toBeInTheDocument()

    // The other roles keep their labels; only assistant replies carry reply controls
    // (every message can be copied, deleted and branched).
    const names = within(log)
      .getAllByRole('article')
      .map((a) => a.getAttribute('aria-label'))
    expect(names).toEqual([
      'user message',
      'tool message',
      'function message',
      'system message',
      'assistant message',
    ])
    expect(within(tool).queryByRole('button', { name: 'Regenerate' })).toBeNull()
    expect(within(tool).queryByRole('button', { name: 'Edit' })).toBeNull()
    expect(within(tool).getByRole('button', { name: 'Copy' })).toBeInTheDocument()
  })

  it('search hits name the role of the message they found', async () => {
    await seed()
    render(<App />)
    const user = userEvent.setup()
    await screen.findByRole('link', { name: 'Weather with tools' })
    await user.type(screen.getByRole('searchbox', { name: 'Search sessions' }), 'fog')
    const hits = await screen.findByRole('region', { name: 'Matching messages' })
    const metas = within(hits)
      .getAllByRole('button')
      .map((b) => b.querySelector('.hit-meta')?.textContent?.split(' · ')[0])
    // Main ranks hits by relevance; each names its message's role.
    expect(metas.sort()).toEqual(['Function', 'Mirror', 'Tool'])
  })
})
