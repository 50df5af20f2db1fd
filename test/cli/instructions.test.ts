import { describe, expect, it, vi } from 'vitest'
import type { Session } from '../../src/shared/domain'
import type { Persona, SessionInstructionsView } from '../../src/shared/instructions'
import { amos, amosBin, amosBinJson, amosJson, dataDirs, errorLine } from './helpers/runCli'

vi.setConfig({ testTimeout: 90_000 })

const dataDir = dataDirs()

describe('amos personas and sessions instructions', () => {
  it('instructions [TEXT] shows and sets the global instructions', async () => {
    const dir = dataDir()
    expect(await amosJson(['--data-dir', dir, 'instructions'])).toEqual({ text: '' })
    const set = await amos(['--data-dir', dir, 'instructions', 'Answer in British English.'])
    expect(set.stdout).toBe('Answer in British English.\n')
    expect(await amosJson(['--data-dir', dir, 'instructions'])).toEqual({
      text: 'Answer in British English.',
    })
    const tooLong = await amos(['--data-dir', dir, 'instructions', 'x'.repeat(8_001)])
    expect(errorLine(tooLong)).toMatch(/^INSTRUCTIONS_TOO_LONG\b/)
  })

  it('personas add, list (--json) and remove; names unique regardless of case', async () => {
    const dir = dataDir()
    const coach = await amosJson<Persona>([
      '--data-dir',
      dir,
      'personas',
      'add',
      'Coach',
      '--instructions',
      'Ask one question at a time.',
      '--pattern',
      'strategic',
      '--uncertainty',
      'medium',
      '--provider',
      'offline',
    ])
    expect(coach).toMatchObject({
      name: 'Coach',
      instructions: 'Ask one question at a time.',
      pattern: 'strategic',
      uncertainty: 'medium',
      providerId: 'offline',
    })
    const taken = await amos(['--data-dir', dir, 'personas', 'add', ' coach '])
    expect(taken.code).toBe(1)
    expect(errorLine(taken)).toMatch(/^PERSONA_NAME_TAKEN\b/)
    const list = await amosJson<Persona[]>(['--data-dir', dir, 'personas', 'list'])
    expect(list).toEqual([coach])
    const table = await amos(['--data-dir', dir, 'personas', 'list'])
    expect(table.stdout).toContain('Coach')
    expect(table.stdout).toContain('strategic')

    const removed = await amosJson<{ id: string; removed: boolean }>([
      '--data-dir',
      dir,
      'personas',
      'remove',
      'COACH',
    ])
    expect(removed).toEqual({ id: coach.id, name: 'Coach', removed: true })
    expect(await amosJson<Persona[]>(['--data-dir', dir, 'personas', 'list'])).toEqual([])
    const missing = await amos(['--data-dir', dir, 'personas', 'remove', 'Coach'])
    expect(errorLine(missing)).toMatch(/^NOT_FOUND\b/)
  })

  it('sessions create --persona, sessions instructions (add, --replace, show), in the real bin', async () => {
    const dir = dataDir()
    await amosJson(['--data-dir', dir, 'personas', 'add', 'Editor', '--pattern', 'analytical'])
    const session = await amosBinJson<Session>([
      '--data-dir',
      dir,
      'sessions',
      'create',
      'Draft',
      '--persona',
      'editor',
    ])
    expect(session.metadata['preferences']).toEqual({ pattern: 'analytical', uncertainty: 'none' })
    const prefix = session.id.slice(0, -3)
    const added = await amosJson<SessionInstructionsView>([
      '--data-dir',
      dir,
      'sessions',
      'instructions',
      prefix,
      'Use metric units.',
    ])
    expect(added).toMatchObject({ text: 'Use metric units.', mode: 'add' })
    expect(added.persona).toMatchObject({ name: 'Editor', removed: false })
    const replaced = await amosBin(
      ['--data-dir', dir, 'sessions', 'instructions', session.id, '-', '--replace'],
      { input: 'Only haiku.\n' },
    )
    expect(replaced.code).toBe(0)
    expect(replaced.stdout).toContain('replace the global instructions')
    expect(replaced.stdout).toContain('Only haiku.')
    const shown = await amosJson<SessionInstructionsView>([
      '--data-dir',
      dir,
      'sessions',
      'instructions',
      session.id,
    ])
    expect(shown).toMatchObject({ text: 'Only haiku.', mode: 'replace' })

    const tooLong = await amos([
      '--data-dir',
      dir,
      'sessions',
      'instructions',
      session.id,
      'x'.repeat(8_001),
    ])
    expect(tooLong.code).toBe(1)
    expect(errorLine(tooLong)).toMatch(/^INSTRUCTIONS_TOO_LONG\b/)
    const unknown = await amos([
      '--data-dir',
      dir,
      'sessions',
      'create',
      'X',
      '--persona',
      'Nobody',
    ])
    expect(errorLine(unknown)).toMatch(/^NOT_FOUND\b/)
    // No session was created for the unknown persona.
    expect(await amosJson<Session[]>(['--data-dir', dir, 'sessions', 'list'])).toHaveLength(1)
  })
})
