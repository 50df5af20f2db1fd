import { describe, expect, it } from 'vitest'
import { QuietSuggester } from '../../../src/main/memory/quietSuggester'
import type { QuietTimers } from '../../../src/main/memory/quietSuggester'
import { continuityMirror, say } from '../continuity/helpers/mirror'

/** Timers moved by hand: `advance(ms)` runs what falls due. */
function manualTimers(): QuietTimers & { advance(ms: number): void } {
  let now = 0
  let next = 0
  const due = new Map<number, { at: number; run: () => void }>()
  return {
    set(run, ms) {
      const id = next++
      due.set(id, { at: now + ms, run })
      return id
    },
    clear(handle) {
      due.delete(handle as number)
    },
    advance(ms) {
      now += ms
      for (const [id, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue
        due.delete(id)
        timer.run()
      }
    },
  }
}

describe('drafting when a conversation goes quiet', () => {
  it('waits for quiet per session; new activity restarts the wait', () => {
    const timers = manualTimers()
    const drafted: string[] = []
    const quiet = new QuietSuggester({
      suggest: async (id) => void drafted.push(id),
      ready: () => true,
      quietMs: 1000,
      timers,
    })
    quiet.activity('a')
    timers.advance(600)
    quiet.activity('a')
    quiet.activity('b')
    timers.advance(600)
    expect(drafted).toEqual([])
    timers.advance(400)
    expect(drafted).toEqual(['a', 'b'])
    timers.advance(5000)
    expect(drafted).toEqual(['a', 'b'])
    expect(quiet.waitingFor()).toEqual([])
  })

  it('drafts nothing while the vault is locked, and nothing after stop', () => {
    const timers = manualTimers()
    const drafted: string[] = []
    let unlocked = false
    const quiet = new QuietSuggester({
      suggest: async (id) => void drafted.push(id),
      ready: () => unlocked,
      quietMs: 10,
      timers,
    })
    quiet.activity('a')
    timers.advance(10)
    expect(drafted).toEqual([])
    unlocked = true
    quiet.activity('a')
    quiet.stop()
    timers.advance(10)
    expect(drafted).toEqual([])
  })

  it('in a real mirror, a quiet conversation gets suggestions without being asked', async () => {
    const fx = await continuityMirror('sqlite', { memoryQuietMs: 200 })
    try {
      const { mirror } = fx
      await mirror.vault.init('quiet mirror password')
      const changes: number[] = []
      mirror.memory.on('changed', (c) => changes.push(c.pending))
      const session = await mirror.sessions.create({ title: 'Quiet' })
      await say(mirror, session.id, 'My name is Ines')
      await expect
        .poll(async () => (await mirror.memory.suggestions()).map((s) => s.text), {
          timeout: 10_000,
        })
        .toEqual(['Name is Ines'])
      expect(changes.at(-1)).toBe(1)
    } finally {
      await fx.cleanup()
    }
  })
})
