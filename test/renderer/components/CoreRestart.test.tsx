import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { FaultyBridge } from '../core/faultyBridge'
import { CORE_RESTARTED } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'
import { zipBuffer } from '../../main/services/transfer/zipHelpers'

const PASSWORD = 'renderer vault password'
/** The restart notice (a cut-off request's own alert says "…was restarted. This request…"). */
const NOTICE = /ActiveMirror’s core stopped unexpectedly and was restarted \(cause: /
let core: TestCore
let bridge: FaultyBridge

beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  window.history.replaceState(null, '', '/')
})

/** The alert whose text matches `text` (alerts have no accessible name of their own). */
async function findAlert(text: RegExp): Promise<HTMLElement> {
  const found = await screen.findByText(text)
  const alert = found.closest<HTMLElement>('[role="alert"]')
  if (!alert) throw new Error(`"${found.textContent}" is not in an alert`)
  return alert
}

function lastReply(): HTMLElement | undefined {
  return screen.queryAllByRole('article', { name: 'assistant message' }).at(-1)
}

/** Opens a session and sends `text`; resolves once the first words of the reply are shown. */
async function startStreaming(title: string, text: string, firstWords: string) {
  const user = userEvent.setup()
  await user.click(await screen.findByRole('link', { name: title }))
  await user.type(await screen.findByRole('textbox', { name: 'Message' }), `${text}{Enter}`)
  await screen.findByRole('button', { name: 'Stop' })
  await waitFor(() => expect(lastReply()).toHaveTextContent(firstWords))
  return user
}

describe('the core restarted', () => {
  it('says so, locks the vault UI, reloads the list and the session, fails the streaming reply', async () => {
    await core.setUpVault(PASSWORD)
    const session = await core.addSession('Story')
    await core.sendSensitive(session.id, 'my secret words')
    await core.useLoopbackProvider([
      { type: 'stream', texts: ['Once upon', ' a time'], stallAfter: 1 },
    ])
    render(<App />)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Vault' }))
    const vault = screen.getByRole('region', { name: 'Vault' })
    expect(await within(vault).findByRole('button', { name: 'Lock vault' })).toBeInTheDocument()
    await startStreaming('Story', 'Tell me a story', 'Once upon')
    expect(screen.getByText('my secret words')).toBeInTheDocument()

    // Written while the window was not looking (e.g. by the CLI): no event announces these.
    await core.addSession('Written elsewhere')
    await core.addMessage(session.id, 'user', 'a note added elsewhere')
    expect(screen.queryByRole('link', { name: 'Written elsewhere' })).toBeNull()
    const statusCalls = bridge.callsTo('vault.status').length

    core.restartCore('out of memory')

    const notice = await findAlert(NOTICE)
    expect(notice).toHaveTextContent('(cause: out of memory)')
    expect(notice).toHaveTextContent('Your saved conversations are kept.')
    expect(notice).toHaveTextContent('The vault was locked: unlock it to use it again.')

    // The vault was asked, not assumed: its panel shows the locked screen.
    expect(await within(vault).findByRole('heading', { name: 'Vault locked' })).toBeInTheDocument()
    expect(bridge.callsTo('vault.status').length).toBeGreaterThan(statusCalls)

    // The reply will never finish: it is marked failed in the thread, no Stop is left.
    const log = screen.getByRole('log', { name: 'Messages' })
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull())
    const reply = lastReply()
    expect(reply).toHaveTextContent('Once upon')
    expect(reply).toHaveTextContent(
      'Failed: The app’s core stopped while the reply was arriving. What arrived is kept.',
    )
    expect(reply).toHaveTextContent('Send your message again.')
    expect(reply).not.toHaveTextContent('Settings')

    // The list and the open session come from the new core.
    expect(await screen.findByRole('link', { name: 'Written elsewhere' })).toBeInTheDocument()
    expect(await within(log).findByText('a note added elsewhere')).toBeInTheDocument()
    expect(within(log).getByText('Tell me a story')).toBeInTheDocument()
    // Nothing the old core decrypted stays on screen.
    expect(screen.queryByText('my secret words')).toBeNull()
    expect(
      within(log).getAllByText(/Sensitive message — unlock the vault to read/).length,
    ).toBeGreaterThan(0)

    // One notice, not one alert per cut-off request; the composer works again.
    expect(screen.getAllByRole('alert')).toEqual([notice])
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'again')
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled()
    await user.click(within(notice).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('a send cut off by the restart gives the draft back; the notice explains, once', async () => {
    const session = await core.addSession('Draft')
    render(<App />)
    const user = userEvent.setup()
    await user.click(await screen.findByRole('link', { name: 'Draft' }))
    const box = await screen.findByRole('textbox', { name: 'Message' })
    bridge.hold('chat.send')
    await user.type(box, 'do not lose me{Enter}')
    await waitFor(() => expect(bridge.callsTo('chat.send')).toHaveLength(1))

    core.restartCore('an unexpected error')

    const notice = await findAlert(NOTICE)
    // No vault was open here: the notice does not talk about one.
    expect(notice).not.toHaveTextContent(/vault/i)
    await waitFor(() => expect(box).toHaveValue('do not lose me'))
    expect(screen.queryByRole('article', { name: 'user message' })).toBeNull()
    expect(screen.getAllByRole('alert')).toEqual([notice])
    expect((await core.mirror.sessions.messages(session.id)).items).toEqual([])
  })

  it('a request cut off before the event reads well, then the notice takes its place', async () => {
    render(<App />)
    const user = userEvent.setup()
    // The host answers the cut-off requests first, and announces the restart once the new core is up.
    bridge.fail('sessions.createOrReuse', CORE_RESTARTED)
    await user.click(screen.getByRole('button', { name: 'New session' }))
    const alert = await findAlert(/This request may not have completed; try it again\./)
    expect(alert).toHaveTextContent(
      'try it again. Your saved conversations are kept; if the vault was open, unlock it again.',
    )
    bridge.succeed('sessions.createOrReuse')

    core.restartCore('it exited')
    const notice = await findAlert(NOTICE)
    expect(screen.getAllByRole('alert')).toEqual([notice])
  })
})

describe('the core stopped for good', () => {
  it('a banner stays, the streaming reply fails, and Send is off with the reason', async () => {
    await core.useLoopbackProvider([{ type: 'stream', texts: ['Half', ' of it'], stallAfter: 1 }])
    await core.addSession('Doomed')
    render(<App />)
    const user = await startStreaming('Doomed', 'Hello', 'Half')

    core.stopCore('out of memory')

    const banner = await findAlert(/core keeps stopping/)
    expect(banner).toHaveTextContent('Restart ActiveMirror to continue')
    expect(within(banner).queryByRole('button', { name: 'Dismiss' })).toBeNull()

    await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull())
    const reply = lastReply()
    expect(reply).toHaveTextContent('Half')
    expect(reply).toHaveTextContent('Restart ActiveMirror, then send your message again.')

    const box = screen.getByRole('textbox', { name: 'Message' })
    await user.type(box, 'one more')
    const send = screen.getByRole('button', { name: 'Send' })
    expect(send).toBeDisabled()
    expect(send).toHaveAccessibleDescription(/core has stopped\. Restart ActiveMirror/)
    await user.keyboard('{Enter}')
    expect(box).toHaveValue('one more')
    expect(bridge.callsTo('chat.send')).toHaveLength(1)

    // Anything else fails too; the banner already says why, so no alert piles up.
    await user.click(screen.getByRole('button', { name: 'New session' }))
    await waitFor(() => expect(bridge.callsTo('sessions.createOrReuse')).toHaveLength(1))
    expect(screen.getAllByRole('alert')).toEqual([banner])
  })
})

describe('an import the core was running', () => {
  it('ends with the reason instead of a progress bar that never finishes', async () => {
    const user = userEvent.setup()
    // Binary, so it goes up in chunks and main reports the end with import.done.
    const file = new File(
      [new Uint8Array(await zipBuffer([{ name: 'a.txt', content: 'hi' }]))],
      'export.zip',
    )
    bridge.holdEvent('import.done')
    render(<App />)
    await user.upload(screen.getByLabelText('Import file'), file)
    await waitFor(() => expect(bridge.callsTo('import.commit')).toHaveLength(1))
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toBeInTheDocument()

    core.restartCore('out of memory')

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Could not import export.zip: The app’s core stopped during the import. Check the session list',
      ),
    )
    expect(screen.queryByRole('progressbar')).toBeNull()
  })
})
