import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  INSTRUCTIONS_FILE,
  InstructionsStore,
} from '../../../../src/main/services/instructions/instructionsStore'
import { MAX_INSTRUCTIONS_CHARS } from '../../../../src/shared/instructions'
import { expectCode } from '../../vault/helpers/mirrorFixture'

const NOW = '2026-12-04T10:00:00.000Z'

describe('InstructionsStore (instructions.json in the data dir)', () => {
  let dir: string
  let store: InstructionsStore

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'amos-instructions-'))
    store = new InstructionsStore(dir)
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads empty settings when there is no file, and keeps what is set across instances', async () => {
    expect(await store.read()).toEqual({ version: 1, instructions: '', personas: [] })
    expect(existsSync(join(dir, INSTRUCTIONS_FILE))).toBe(false)
    await store.setGlobal('Answer in British English.')
    const persona = await store.addPersona({ name: '  Coach ', instructions: 'Be brief.' }, NOW)
    expect(persona).toMatchObject({
      name: 'Coach',
      instructions: 'Be brief.',
      pattern: 'exploratory',
      uncertainty: 'none',
      createdAt: NOW,
    })
    const again = await new InstructionsStore(dir).read()
    expect(again.instructions).toBe('Answer in British English.')
    expect(again.personas).toEqual([persona])
  })

  it('refuses text over the cap with INSTRUCTIONS_TOO_LONG and changes nothing', async () => {
    await store.setGlobal('Keep me.')
    const before = readFileSync(join(dir, INSTRUCTIONS_FILE), 'utf8')
    const long = 'x'.repeat(MAX_INSTRUCTIONS_CHARS + 1)
    await expectCode(store.setGlobal(long), 'INSTRUCTIONS_TOO_LONG')
    await expectCode(
      store.addPersona({ name: 'Long', instructions: long }, NOW),
      'INSTRUCTIONS_TOO_LONG',
    )
    expect(readFileSync(join(dir, INSTRUCTIONS_FILE), 'utf8')).toBe(before)
    // Exactly the cap is fine.
    await store.setGlobal('y'.repeat(MAX_INSTRUCTIONS_CHARS))
    expect((await store.read()).instructions).toHaveLength(MAX_INSTRUCTIONS_CHARS)
  })

  it('keeps persona names unique case-insensitively, trimmed and non-empty', async () => {
    const coach = await store.addPersona({ name: 'Coach' }, NOW)
    await expectCode(store.addPersona({ name: '  coach  ' }, NOW), 'PERSONA_NAME_TAKEN')
    await expectCode(store.addPersona({ name: '   ' }, NOW), 'VALIDATION_FAILED')
    const editor = await store.addPersona({ name: 'Editor' }, NOW)
    await expectCode(store.updatePersona(editor.id, { name: 'COACH' }), 'PERSONA_NAME_TAKEN')
    // Renaming a persona to its own name in other case is allowed.
    expect((await store.updatePersona(coach.id, { name: 'COACH' })).name).toBe('COACH')
    expect((await store.read()).personas.map((p) => p.name)).toEqual(['COACH', 'Editor'])
  })

  it('updates and removes personas; null clears provider and model', async () => {
    const p = await store.addPersona(
      { name: 'Local', providerId: 'local', model: 'llama3.2', pattern: 'strategic' },
      NOW,
    )
    const updated = await store.updatePersona(p.id, { providerId: null, model: null })
    expect(updated.providerId).toBeUndefined()
    expect(updated.model).toBeUndefined()
    expect(updated.pattern).toBe('strategic')
    await expectCode(store.updatePersona('persona_missing', { name: 'X' }), 'NOT_FOUND')
    expect(await store.removePersona(p.id)).toBe(true)
    expect(await store.removePersona(p.id)).toBe(false)
    expect((await store.read()).personas).toEqual([])
  })

  it('a corrupt file is STORAGE_CORRUPT for reads and changes, and is left as it was', async () => {
    const file = join(dir, INSTRUCTIONS_FILE)
    for (const damaged of ['{"version":1,"instructions":', '{"version":1,"instructions":42}']) {
      writeFileSync(file, damaged)
      await expectCode(store.read(), 'STORAGE_CORRUPT')
      await expectCode(store.setGlobal('new'), 'STORAGE_CORRUPT')
      await expectCode(store.addPersona({ name: 'New' }, NOW), 'STORAGE_CORRUPT')
      expect(readFileSync(file, 'utf8')).toBe(damaged)
    }
  })
})
