import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { STATUS_CLEAR_MS } from '../../../src/renderer/src/stores/uiStore'
import { freshCore } from '../helpers'

beforeEach(async () => {
  await freshCore()
  window.history.replaceState(null, '', '/')
})

afterEach(() => {
  vi.useRealTimers()
})

function sdkSession(id: string, title: string): string {
  const at = '2026-12-01T09:00:00.000Z'
  return JSON.stringify({
    id,
    title,
    createdAt: at,
    updatedAt: at,
    messages: [{ id: `${id}_m1`, sessionId: id, role: 'user', content: 'Hello', timestamp: at }],
  })
}

describe('Import and export results', () => {
  it('show as a notice with the count and the names, which stays until dismissed', async () => {
    // Fake timers that still follow the clock, so the real core runs while the test can jump.
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] })
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime.bind(vi) })
    render(<App />)
    const input = screen.getByLabelText('Import file') as HTMLInputElement
    await user.upload(input, [
      new File([sdkSession('session_1764800000000_morningx', 'Morning pages')], 'a.json'),
      new File([sdkSession('session_1764800000001_eveningx', 'Evening review')], 'b.json'),
    ])

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent('Imported 2 sessions.'),
    )
    const names = screen.getByRole('list', { name: 'Imported sessions' })
    expect(within(names).getByText('Morning pages')).toBeVisible()
    expect(within(names).getByText('Evening review')).toBeVisible()

    // A short status line fades after STATUS_CLEAR_MS; a result notice does not.
    act(() => vi.advanceTimersByTime(STATUS_CLEAR_MS * 3))
    expect(screen.getByRole('status')).toHaveTextContent('Imported 2 sessions.')

    await user.click(screen.getByRole('button', { name: 'Dismiss notice' }))
    expect(screen.getByRole('status')).toHaveTextContent('')
    expect(screen.queryByRole('list', { name: 'Imported sessions' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Dismiss notice' })).not.toBeInTheDocument()
  })

  it('Export all reports the count and file name in the notice', async () => {
    const user = userEvent.setup()
    render(<App />)
    const input = screen.getByLabelText('Import file') as HTMLInputElement
    await user.upload(input, [
      new File([sdkSession('session_1764800000002_onlyonex', 'Only one')], 'c.json'),
    ])
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Imported 1 session.'))
    await user.click(screen.getByRole('button', { name: 'Export all' }))
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(/^Exported 1 session to .+\.zip\.$/),
    )
    expect(screen.getByRole('button', { name: 'Dismiss notice' })).toBeVisible()
  })
})
