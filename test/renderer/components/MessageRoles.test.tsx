import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { FakeBridge } from '../fakeBridge'
import { freshBridge } from '../helpers'

let bridge: FakeBridge
beforeEach(() => {
  bridge = freshBridge()
  window.history.replaceState(null, '', '/')
})

function seed(): void {
  const s = bridge.addSession('Weather with tools')
  bridge.addMessage(s.id, 'user', 'Weather at the lighthouse?')
  bridge.addMessage(s.id, 'tool', '{"station": "Fastnet", "sky": "fog"}')
  bridge.addMessage(s.id, 'function', 'visibility: 200 m of fog')
  bridge.addMessage(s.id, 'system', 'Be brief.')
  bridge.addMessage(s.id, 'assistant', 'Fog, **200 m**.')
}

describe('messages with tool and function roles', () => {
  it('show as their own articles with a visible role label and plain text', async () => {
    seed()
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

    // The other roles keep their labels; only assistant replies carry reply controls.
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
    expect(within(tool).queryByRole('button')).toBeNull()
  })

  it('search hits name the role of the message they found', async () => {
    seed()
    render(<App />)
    const user = userEvent.setup()
    await screen.findByRole('link', { name: 'Weather with tools' })
    await user.type(screen.getByRole('searchbox', { name: 'Search sessions' }), 'fog')
    const hits = await screen.findByRole('region', { name: 'Matching messages' })
    const metas = within(hits)
      .getAllByRole('button')
      .map((b) => b.querySelector('.hit-meta')?.textContent?.split(' · ')[0])
    expect(metas).toEqual(['Tool', 'Function', 'Mirror'])
  })
})
