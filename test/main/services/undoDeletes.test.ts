import { describe, expect, it } from 'vitest'
import { MAX_UNDOS, UNDO_TTL_MS, UndoDeletes } from '../../../src/main/services/undoDeletes'
import type { RemovedBranch } from '../../../src/main/storage/storage'
import { expectMirrorError } from '../storage/helpers/fixtures'

function branch(n: number): RemovedBranch {
  return {
    sessionId: `s${n}`,
    removed: [],
    previousLeafId: null,
    session: {
      id: `s${n}`,
      title: 't',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
      messageCount: 0,
      archived: false,
      metadata: {},
      currentLeafId: null,
    },
  }
}

describe('UndoDeletes', () => {
  it('gives distinct undo_ tokens that hold their branch until forgotten', () => {
    const undo = new UndoDeletes({ now: () => new Date(0) })
    const a = undo.keep(branch(1))
    const b = undo.keep(branch(2))
    expect(a).toMatch(/^undo_[A-Za-z0-9_-]{24}$/)
    expect(a).not.toBe(b)
    expect(undo.get(b).sessionId).toBe('s2')
    undo.forget(b)
    expect(undo.has(b)).toBe(false)
    expect(undo.has(a)).toBe(true)
  })

  it('forgets a delete after the time limit and the oldest beyond the count limit', async () => {
    let now = 0
    const undo = new UndoDeletes({ now: () => new Date(now) })
    const tokens = Array.from({ length: MAX_UNDOS + 1 }, (_, i) => undo.keep(branch(i)))
    expect(undo.has(tokens[0]!)).toBe(false)
    expect(undo.has(tokens[1]!)).toBe(true)
    now = UNDO_TTL_MS - 1
    expect(undo.has(tokens[1]!)).toBe(true)
    now = UNDO_TTL_MS
    const error = await expectMirrorError(
      Promise.resolve().then(() => undo.get(tokens[1]!)),
      'NOT_FOUND',
    )
    expect(error.message).toMatch(/10 minutes/)
  })
})
