import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONTINUITY_FILE_NAME } from '../../../src/main/continuity/continuityStore'
import type { ContinuityEntry } from '../../../src/shared/continuity'
import { continuityMirror, say } from './helpers/mirror'
import type { ContinuityMirror } from './helpers/mirror'

const types = (entries: ContinuityEntry[]): string[] => entries.map((e) => e.type)

async function allEntries(fx: ContinuityMirror): Promise<ContinuityEntry[]> {
  return [...(await fx.mirror.continuity.log.list({ limit: 500 })).items].reverse()
}

describe('continuity through the real mirror', () => {
  let fx: ContinuityMirror
  beforeEach(async () => {
    fx = await continuityMirror()
  })
  afterEach(async () => {
    await fx.cleanup()
  })

  it('logs every session and message operation, and the chain verifies', async () => {
    const { mirror } = fx
    const session = await mirror.sessions.create({ title: 'Morning pages' })
    await mirror.sessions.rename(session.id, 'Evening pages')
    const turn = await say(mirror, session.id, 'The lighthouse keeper waved at me')
    expect(turn.error).toBeNull()
    await mirror.sessions.archive(session.id)
    await mirror.sessions.unarchive(session.id)
    const exported = await mirror.transfer.exportSession(session.id, 'json')
    await mirror.sessions.delete(session.id)
    const report = await mirror.transfer.importFiles([
      { name: 'back.json', content: exported.content },
    ])
    expect(report.imported).toHaveLength(1)

    const entries = await allEntries(fx)
    expect(types(entries)).toEqual([
      'session.created',
      'session.renamed',
      'message.added',
      'message.added',
      'session.archived',
      'session.unarchived',
      'export',
      'session.deleted',
      'import',
    ])
    expect(entries.every((e) => e.type === 'log.cleared' || e.subject === session.id)).toBe(true)
    expect(entries[1]!.data).toEqual({ from: 'Morning pages', to: 'Evening pages' })
    const [userAdded, replyAdded] = [entries[2]!, entries[3]!]
    expect(userAdded.data).toMatchObject({ messageId: turn.userMessageId, role: 'user' })
    expect(replyAdded.data).toMatchObject({ messageId: turn.message!.id, role: 'assistant' })
    // Never the text itself.
    expect(JSON.stringify(entries)).not.toContain('lighthouse')

    expect(await mirror.continuity.log.verify()).toMatchObject({
      ok: true,
      count: entries.length,
    })
  })

  it('records vault entry changes without their key or value, and default provider changes', async () => {
    const { mirror } = fx
    await mirror.vault.init('correct horse battery staple')
    await mirror.vault.set('therapist', 'Dr. Quill', { category: 'relationships' })
    await mirror.vault.set('therapist', 'Dr. Quinn', { category: 'relationships' })
    await mirror.vault.delete('therapist')
    await mirror.providerSettings.add({
      id: 'local-lm',
      type: 'openai-compatible',
      label: 'Local',
      model: 'tiny-1b',
      baseUrl: 'http://127.0.0.1:9/v1',
    })
    await mirror.providerSettings.setDefault('local-lm')
    await mirror.providerSettings.setDefault(null)

    const entries = await allEntries(fx)
    expect(entries.map((e) => [e.type, e.data])).toEqual([
      ['vault.entryChanged', { action: 'created', category: 'relationships' }],
      ['vault.entryChanged', { action: 'updated', category: 'relationships' }],
      ['vault.entryChanged', { action: 'deleted', category: 'relationships' }],
      ['provider.changed', { from: 'offline', to: 'local-lm', model: 'tiny-1b' }],
      ['provider.changed', { from: 'local-lm', to: 'offline', model: expect.any(String) }],
    ])
    const text = JSON.stringify(entries)
    expect(text).not.toContain('therapist')
    expect(text).not.toContain('Quill')
  })

  it('records a backup restore once, with counts only, and only when it succeeds', async () => {
    const { mirror } = fx
    const password = 'correct horse battery staple'
    await mirror.vault.init(password)
    await mirror.vault.set('north star', 'Run a marathon', { category: 'goals' })
    await mirror.vault.set('sister', 'Maya in Lisbon', { category: 'relationships' })
    const backup = await mirror.vault.exportBackup()
    await mirror.vault.delete('sister')
    const before = (await allEntries(fx)).length

    await expect(mirror.vault.restoreBackup(backup, 'wrong password!', 'merge')).rejects.toThrow()
    expect(await allEntries(fx)).toHaveLength(before)

    const report = await mirror.vault.restoreBackup(backup, password, 'merge')
    const entries = await allEntries(fx)
    expect(entries.slice(before).map((e) => [e.type, e.data])).toEqual([
      [
        'vault.restored',
        { mode: 'merge', added: report.added, updated: report.updated, kept: report.kept },
      ],
    ])
    expect(report.added + report.updated + report.kept).toBeGreaterThan(0)
    expect(JSON.stringify(entries)).not.toContain('Maya')
    expect(await mirror.continuity.log.verify()).toMatchObject({ ok: true })
  })

  it('writes the identity into exports as the author, and keeps it across restarts', async () => {
    const identity = fx.mirror.continuity.identity()
    const renamed = fx.mirror.continuity.renameIdentity('  Ada  ')
    expect(renamed).toEqual({ ...identity, displayName: 'Ada' })
    const session = await fx.mirror.sessions.create({ title: 'Signed' })
    const json = JSON.parse((await fx.mirror.transfer.exportSession(session.id, 'json')).content)
    expect(json.author).toEqual({ id: identity.id, displayName: 'Ada' })
    const markdown = (await fx.mirror.transfer.exportSession(session.id, 'markdown')).content
    expect(markdown).toContain('- **Author**: Ada\n')
    const again = await fx.reopen()
    expect(again.continuity.identity()).toEqual(renamed)
  })

  it('detects an edit made directly in continuity.db', async () => {
    const session = await fx.mirror.sessions.create({ title: 'To be tampered' })
    await fx.mirror.sessions.rename(session.id, 'Second title')
    await fx.mirror.sessions.rename(session.id, 'Third title')
    expect((await fx.mirror.continuity.log.verify()).ok).toBe(true)

    const db = new Database(path.join(fx.dir, CONTINUITY_FILE_NAME))
    db.prepare('UPDATE continuity_entries SET data = ? WHERE seq = 2').run(
      JSON.stringify({ from: 'To be tampered', to: 'Forged title' }),
    )
    db.close()
    expect(await fx.mirror.continuity.log.verify()).toMatchObject({
      ok: false,
      count: 3,
      firstBroken: { seq: 2 },
    })
  })

  it('clears the history only on request, leaving one log.cleared entry', async () => {
    await fx.mirror.sessions.create({ title: 'One' })
    await fx.mirror.sessions.create({ title: 'Two' })
    const cleared = await fx.mirror.continuity.log.clear()
    expect(cleared).toMatchObject({ seq: 1, type: 'log.cleared', data: { removed: 2 } })
    expect((await fx.mirror.sessions.list()).items).toHaveLength(2)
    expect(await fx.mirror.continuity.log.verify()).toMatchObject({ ok: true, count: 1 })
  })
})
