import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { readSecretFromTty } from '../../src/cli/secretPrompt'

/** A terminal stand-in that records raw mode and lets the test type. */
class FakeTty extends EventEmitter {
  isTTY = true
  raw: boolean[] = []
  setRawMode(mode: boolean) {
    this.raw.push(mode)
    return this
  }
  setEncoding() {
    return this
  }
  resume() {
    return this
  }
  pause() {
    return this
  }
  type(text: string) {
    this.emit('data', text)
  }
}

describe('the no-echo password prompt', () => {
  it('reads one line in raw mode, handles Backspace, echoes nothing typed', async () => {
    const tty = new FakeTty()
    let shown = ''
    const answer = readSecretFromTty('Vault password: ', tty, { write: (t) => (shown += t) })
    tty.type('hunter')
    tty.type('3\u007f2')
    tty.type('\r')
    expect(await answer).toBe('hunter2')
    expect(shown).toBe('Vault password: \n')
    expect(tty.raw).toEqual([true, false])
    expect(tty.listenerCount('data')).toBe(0)
  })

  it('Ctrl-C cancels with CANCELLED and restores the terminal', async () => {
    const tty = new FakeTty()
    const answer = readSecretFromTty('Vault password: ', tty, { write: () => undefined })
    tty.type('abc\u0003')
    await expect(answer).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(tty.raw).toEqual([true, false])
  })
})
