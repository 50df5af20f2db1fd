import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore

beforeEach(async () => {
  core = await freshCore()
  window.history.replaceState(null, '', '/')
})
afterEach(() => vi.restoreAllMocks())

describe('ChatPane', () => {
  it('switching sessions gives each its own log and composer, with no duplicate React keys', async () => {
    const errors = vi.spyOn(console, 'error')
    await core.addSession('First')
    await core.addSession('Second')
    render(<App />)
    const user = userEvent.setup()

    await user.click(await screen.findByRole('link', { name: 'First' }))
    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'draft for first')
    await user.click(screen.getByRole('link', { name: 'Second' }))
    await screen.findByRole('heading', { level: 2, name: 'Second' })

    expect(screen.getAllByRole('log', { name: 'Messages' })).toHaveLength(1)
    expect(screen.getAllByRole('textbox', { name: 'Message' })).toHaveLength(1)
    expect(screen.getByRole('textbox', { name: 'Message' })).not.toHaveValue('draft for first')
    const keyWarnings = errors.mock.calls.filter((args) =>
      args.some((a) => typeof a === 'string' && a.includes('same key')),
    )
    expect(keyWarnings).toEqual([])
  })
})
