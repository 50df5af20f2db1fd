import { describe, expect, it } from 'vitest'
import {
  LOCK,
  entryDetail,
  entryLabel,
} from '../../../src/renderer/src/components/continuity/entryLabels'
import type { ContinuityEntry } from '../../../src/shared/continuity'

function entry(type: string, data: Record<string, unknown>): ContinuityEntry {
  return {
    seq: 1,
    id: 'entry-1',
    at: '2026-11-24T10:00:00.000Z',
    type,
    subject: null,
    data,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  }
}

describe('timeline labels', () => {
  it('labels a vault backup restore with its counts, and both vault entries with the padlock', () => {
    const restored = entry('vault.restored', { mode: 'merge', added: 2, updated: 1, kept: 4 })
    expect(entryLabel('vault.restored')).toEqual({ icon: LOCK, label: 'Vault backup restored' })
    expect(entryLabel('vault.entryChanged').icon).toBe(LOCK)
    expect(entryDetail(restored)).toBe('2 added, 1 updated, 4 kept')
  })

  it('labels the message tree changes, with counts and never text', () => {
    expect(entryLabel('message.edited').label).toBe('Message edited')
    expect(entryLabel('message.regenerated').label).toBe('Reply regenerated')
    expect(entryLabel('message.switched').label).toBe('Version switched')
    expect(entryDetail(entry('message.deleted', { messageId: 'm1', removed: 3 }))).toBe(
      '3 messages',
    )
    expect(entryDetail(entry('message.restored', { messageId: 'm1', restored: 1 }))).toBe(
      '1 message back',
    )
    expect(
      entryDetail(
        entry('session.branched', { fromSessionId: 's', fromMessageId: 'm', messageCount: 4 }),
      ),
    ).toBe('4 messages copied')
  })

  it('shows an unknown type by its name, with no detail', () => {
    expect(entryLabel('future.thing')).toEqual({ icon: '•', label: 'future.thing' })
    expect(entryDetail(entry('future.thing', { x: 1 }))).toBe('')
  })
})
