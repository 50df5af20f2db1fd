import { describe, expect, it } from 'vitest'
import { events } from '../../../src/shared/events'
import { useBrowserHost } from './browserHostFixture'
import { TestClient } from './wsClient'

describe('vault events reach every socket of the browser host', () => {
  const running = useBrowserHost('amos-vault-broadcast-')

  it('locking in one tab tells all tabs; unlocking too', async () => {
    const a = await TestClient.connect(running().port, running().token)
    const b = await TestClient.connect(running().port, running().token)
    expect((await a.request('vault.init', { password: 'broadcast password' })).ok).toBe(true)
    const unlocked = await b.waitFor((f) => f.event === 'vault.unlocked')
    expect(events['vault.unlocked'].parse(unlocked.payload)).toEqual({ method: 'init' })

    expect((await a.request('vault.lock', {})).ok).toBe(true)
    for (const client of [a, b]) {
      const locked = await client.waitFor((f) => f.event === 'vault.locked')
      expect(events['vault.locked'].parse(locked.payload)).toEqual({ reason: 'manual' })
    }
    // One event per lock, however many sockets there are.
    expect(a.events('vault.locked')).toHaveLength(1)
    a.close()
    b.close()
  })
})
