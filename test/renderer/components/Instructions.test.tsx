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

async function openSettings(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Settings' }))
  return screen.findByRole('dialog', { name: 'Settings' })
}

describe('Instructions and personas in the app, on the real core', () => {
  it('Settings → Instructions saves the text main sends with every conversation', async () => {
    const user = userEvent.setup()
    await core.mirror.instructions.setGlobal('Old text.')
    render(<App />)
    const dialog = await openSettings(user)
    const field = await within(dialog).findByRole('textbox', { name: 'Instructions' })
    await waitFor(() => expect(field).toHaveValue('Old text.'))
    await user.clear(field)
    await user.type(field, 'Answer in British English.')
    await user.click(within(dialog).getByRole('button', { name: 'Save instructions' }))
    expect(await within(dialog).findByText('Instructions saved.')).toHaveAttribute('role', 'status')
    expect(await core.mirror.instructions.getGlobal()).toEqual({
      text: 'Answer in British English.',
    })
  })

  it('Settings → Personas adds one, refuses a duplicate name and edits it', async () => {
    const user = userEvent.setup()
    render(<App />)
    const dialog = await openSettings(user)
    await user.click(within(dialog).getByRole('button', { name: 'Add persona' }))
    await user.type(within(dialog).getByRole('textbox', { name: 'Persona name' }), 'Coach')
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Persona instructions' }),
      'Ask one question at a time.',
    )
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Default pattern' }),
      'strategic',
    )
    await user.click(within(dialog).getByRole('button', { name: 'Save persona' }))
    const list = await within(dialog).findByRole('list', { name: 'Personas' })
    expect(within(list).getByRole('listitem', { name: 'Coach' })).toHaveTextContent('Strategic')
    const [stored] = await core.mirror.instructions.listPersonas()
    expect(stored).toMatchObject({
      name: 'Coach',
      instructions: 'Ask one question at a time.',
      pattern: 'strategic',
    })

    await user.click(within(dialog).getByRole('button', { name: 'Add persona' }))
    await user.type(within(dialog).getByRole('textbox', { name: 'Persona name' }), ' COACH')
    await user.click(within(dialog).getByRole('button', { name: 'Save persona' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(/already exists/)
    expect(await core.mirror.instructions.listPersonas()).toHaveLength(1)
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))

    // Edit: the form starts from the persona and saves over it.
    await user.click(
      within(within(list).getByRole('listitem', { name: 'Coach' })).getByRole('button', {
        name: 'Edit',
      }),
    )
    const text = within(dialog).getByRole('textbox', { name: 'Persona instructions' })
    expect(text).toHaveValue('Ask one question at a time.')
    await user.clear(text)
    await user.type(text, 'Two questions at most.')
    await user.click(within(dialog).getByRole('button', { name: 'Save persona' }))
    await waitFor(async () =>
      expect((await core.mirror.instructions.listPersonas())[0]).toMatchObject({
        name: 'Coach',
        instructions: 'Two questions at most.',
        pattern: 'strategic',
      }),
    )
  })

  it('the New session menu starts a session with a persona; the plain button stays "New session"', async () => {
    const user = userEvent.setup()
    const coach = await core.mirror.instructions.addPersona({
      name: 'Coach',
      pattern: 'strategic',
      uncertainty: 'medium',
    })
    render(<App />)
    // Exactly one button has the name, so the plain "New session" keeps working as before.
    expect(screen.getByRole('button', { name: 'New session' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Start with a persona' }))
    const menu = await screen.findByRole('menu', { name: 'Start with a persona' })
    await user.click(await within(menu).findByRole('menuitem', { name: 'Coach' }))
    await waitFor(async () => expect(await core.sessionCount()).toBe(1))
    const [session] = (await core.mirror.sessions.list()).items
    expect(session!.metadata['persona']).toEqual({ id: coach.id, name: 'Coach' })
    // The composer follows the persona's pattern and uncertainty.
    const pattern = await screen.findByRole('combobox', { name: 'Pattern' })
    await waitFor(() => expect(pattern).toHaveValue('strategic'))
    expect(screen.getByRole('combobox', { name: 'Uncertainty' })).toHaveValue('medium')
    expect(await screen.findByText('Persona: Coach')).toBeInTheDocument()
  })

  it('Session settings (chat header): session instructions replace, a removed persona is said so', async () => {
    const user = userEvent.setup()
    const gone = await core.mirror.instructions.addPersona({ name: 'Gone' })
    const session = await core.mirror.instructions.createSession({
      title: 'Trip',
      personaId: gone.id,
    })
    await core.mirror.instructions.removePersona(gone.id)
    render(<App />)
    await user.click(await screen.findByRole('link', { name: 'Trip' }))
    expect(await screen.findByText('Persona “Gone” removed')).toBeInTheDocument()
    await user.click(await screen.findByRole('button', { name: 'Session settings' }))
    const dialog = await screen.findByRole('dialog', { name: 'Session settings' })
    expect(await within(dialog).findByRole('note')).toHaveTextContent(
      'The persona “Gone” was removed; this session now uses no persona.',
    )
    expect(within(dialog).getByRole('combobox', { name: 'Persona' })).toHaveValue('')
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Session instructions' }),
      'Only haiku.',
    )
    await user.click(within(dialog).getByRole('radio', { name: 'Replace the global instructions' }))
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: 'Session settings' })).toBeNull(),
    )
    expect(await core.mirror.instructions.session(session.id)).toEqual({
      sessionId: session.id,
      text: 'Only haiku.',
      mode: 'replace',
      persona: null,
    })
    // Saved without a persona: the header no longer names the removed one.
    await waitFor(() => expect(screen.queryByText('Persona “Gone” removed')).toBeNull())
  })
})
