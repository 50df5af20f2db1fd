import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { useChatStore } from '../../../src/renderer/src/stores/chatStore'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})

async function open(title: string) {
  await userEvent.click(await screen.findByRole('link', { name: title }))
  await screen.findByRole('heading', { level: 2, name: title })
  return screen.findByRole('log', { name: 'Messages' })
}

async function send(text: string) {
  await userEvent.type(await screen.findByRole('textbox', { name: 'Message' }), `${text}{Enter}`)
}

/** The reply once it shows `text` (the streaming row is replaced when the reply is stored). */
function replyShowing(log: HTMLElement, text: string | RegExp): Promise<HTMLElement> {
  return waitFor(() => {
    const reply = within(log).getByRole('article', { name: 'assistant message' })
    expect(reply).toHaveTextContent(text)
    return reply
  })
}

const path = async (sessionId: string) =>
  (await core.mirror.sessions.messages(sessionId, { limit: 50 })).items

describe('failed replies and branches', () => {
  it('a failed reply stays in the thread with what arrived, and Retry makes a new version', async () => {
    await core.useLoopbackProvider([
      { type: 'stream', texts: ['Half an', ' answer'], cutAfter: 1 },
      { type: 'stream', texts: ['A whole answer.'] },
    ])
    const s = await core.addSession('Flaky')
    render(<App />)
    const log = await open('Flaky')
    await send('Tell me')

    const failed = await replyShowing(log, /Failed/)
    expect(failed).toHaveTextContent('Half an')
    const failedId = failed.getAttribute('data-message-id')!
    await userEvent.click(within(failed).getByRole('button', { name: 'Retry' }))

    await replyShowing(log, '2 / 2')
    expect(log).toHaveTextContent('A whole answer.')
    expect(log).not.toHaveTextContent('Half an')
    const versions = await core.mirror.storage.listVersions(failedId)
    expect(versions.map((m) => [m.content, m.status])).toEqual([
      ['Half an', 'failed'],
      ['A whole answer.', 'complete'],
    ])
    expect((await path(s.id)).map((m) => m.content)).toEqual(['Tell me', 'A whole answer.'])
  })

  it('a reply that failed before any text still shows in the thread, with Retry', async () => {
    await core.useLoopbackProvider([
      { type: 'status', status: 500, message: 'model crashed' },
      { type: 'stream', texts: ['Back on my feet.'] },
    ])
    await core.addSession('Crashy')
    render(<App />)
    const log = await open('Crashy')
    await send('Hello?')
    const failed = await replyShowing(log, /Failed/)
    await userEvent.click(within(failed).getByRole('button', { name: 'Retry' }))
    await replyShowing(log, '2 / 2')
    expect(log).toHaveTextContent('Back on my feet.')
    expect(log).not.toHaveTextContent(/Failed/)
  })

  it('an error banner belongs to its session: another session does not show it', async () => {
    await core.useLoopbackProvider([{ type: 'status', status: 500, message: 'model crashed' }])
    await core.addSession('Quiet')
    await core.addSession('Broken')
    render(<App />)
    await open('Broken')
    await send('Hello?')
    expect(await screen.findByRole('alert')).toBeInTheDocument()

    await open('Quiet')
    expect(screen.queryByRole('alert')).toBeNull()
    await open('Broken')
    expect(await screen.findByRole('alert')).toBeInTheDocument()
  })

  it('a search hit on another version opens that branch', async () => {
    const s = await core.addSession('Orchard')
    const question = await core.addMessage(s.id, 'user', 'What to plant?')
    const first = await core.addMessage(s.id, 'assistant', 'Plant pears.')
    const other = await core.addMessage(s.id, 'assistant', 'Plant quinces by the wall.', {
      parentId: question.id,
    })
    await core.mirror.storage.switchToMessage(first.id)
    const user = userEvent.setup()
    render(<App />)
    await user.type(screen.getByRole('searchbox', { name: 'Search sessions' }), 'quinces')
    await user.click(await screen.findByRole('button', { name: /Orchard/ }))

    const log = await screen.findByRole('log', { name: 'Messages' })
    const hit = await within(log).findByText('Plant quinces by the wall.')
    expect(hit.closest('article')).toHaveClass('message-highlighted')
    expect(within(log).queryByText('Plant pears.')).toBeNull()
    expect(core.bridge.callsTo('messages.switch')).toEqual([{ messageId: other.id }])
    expect((await path(s.id)).at(-1)?.id).toBe(other.id)
  })

  it('opening a message on another branch without knowing it (a recall chip) switches there', async () => {
    const s = await core.addSession('Orchard')
    const question = await core.addMessage(s.id, 'user', 'What to plant?')
    const first = await core.addMessage(s.id, 'assistant', 'Plant pears.')
    const other = await core.addMessage(s.id, 'assistant', 'Plant quinces.', {
      parentId: question.id,
    })
    await core.mirror.storage.switchToMessage(first.id)
    await useChatStore.getState().openAt(s.id, other.id)
    const items = useChatStore.getState().bySession[s.id]?.items ?? []
    expect(items.map((m) => m.content)).toEqual(['What to plant?', 'Plant quinces.'])
    expect(items.at(-1)).toMatchObject({ versionIndex: 2, versionCount: 2 })
    expect((await path(s.id)).at(-1)?.id).toBe(other.id)
  })

  it('regenerating a sensitive reply while the vault is locked asks to unlock first', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['A private answer.'] }])
    const s = await core.addSession('Private')
    await core.setUpVault('a long vault passphrase 42')
    await core.sendSensitive(s.id, 'my secret words')
    core.mirror.vault.lock('manual')
    render(<App />)
    const log = await open('Private')
    const reply = await within(log).findByRole('article', { name: 'assistant message' })
    await userEvent.click(within(reply).getByRole('button', { name: 'Regenerate' }))

    expect(
      await screen.findByText('Unlock the vault to regenerate a sensitive reply.'),
    ).toBeInTheDocument()
    expect(core.bridge.callsTo('messages.regenerate')).toEqual([])
    expect(await path(s.id)).toHaveLength(2)
  })
})
