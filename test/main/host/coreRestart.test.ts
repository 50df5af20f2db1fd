import { describe, expect, it } from 'vitest'
import { events } from '../../../src/shared/events'
import { routes } from '../../../src/shared/routes'
import { useBrowserHost } from './browserHostFixture'
import { TestClient } from './wsClient'

describe('the browser host when its core stops', () => {
  const running = useBrowserHost('amos-core-restart-')

  it('tells every tab, keeps the sockets open, keeps what was saved and locks the vault', async () => {
    const a = await TestClient.connect(running().port, running().token)
    const b = await TestClient.connect(running().port, running().token)
    const created = await a.request('sessions.create', { title: 'Saved before the crash' })
    const session = routes['sessions.create'].output.parse(created.data)
    expect((await a.request('vault.init', { password: 'restart password' })).ok).toBe(true)
    const thread = running().core.threadId

    await running().core.kill()
    for (const client of [a, b]) {
      const frame = await client.waitFor((f) => f.event === 'core.restarted', 20_000)
      expect(events['core.restarted'].parse(frame.payload).reason).toMatch(/\w/)
    }
    expect(running().core.threadId).not.toBe(thread)

    // The same sockets go on working, against the new worker and the same data.
    const fetched = await b.request('sessions.get', { id: session.id })
    expect(routes['sessions.get'].output.parse(fetched.data).title).toBe('Saved before the crash')
    const status = routes['vault.status'].output.parse((await a.request('vault.status', {})).data)
    expect(status).toMatchObject({ initialized: true, unlocked: false })
    a.close()
    b.close()
  })
})
