import { describe, expect, it } from 'vitest'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import type { Pattern, UncertaintyLevel } from '../../../src/shared/domain'
import { PATTERNS, UNCERTAINTY_LEVELS } from '../../../src/shared/domain'
import { PATTERN_INFO } from '../../../src/shared/patterns'
import { expectMirrorError } from '../storage/helpers/fixtures'

const reflective = new ReflectiveService()

describe('ReflectiveService.systemPrompt', () => {
  const cues: Record<Pattern, RegExp[]> = {
    exploratory: [/open questions/i, /possibilities/i],
    analytical: [/evidence/i, /assumptions/i, /structure/i],
    creative: [/metaphors/i, /reframes/i, /unexpected angles/i],
    strategic: [/goal/i, /options/i, /trade-offs/i, /next steps/i],
  }

  it.each(PATTERNS)('gives %s its own instructions and glyph', (pattern) => {
    const prompt = reflective.systemPrompt(pattern, 'none')
    for (const cue of cues[pattern]) expect(prompt).toMatch(cue)
    expect(prompt).toContain(
      `Start your reply with the ${PATTERN_INFO[pattern].label} glyph ${PATTERN_INFO[pattern].glyph}`,
    )
    for (const other of PATTERNS.filter((p) => p !== pattern)) {
      expect(prompt).not.toContain(PATTERN_INFO[other].glyph)
      expect(prompt).not.toContain(`pattern: ${other.toUpperCase()}`)
    }
  })

  /** Markers the prompt allows: those mentioned outside "Do not use …" sentences. */
  function allowedMarkers(prompt: string): string[] {
    const policy = prompt.slice(prompt.indexOf('Uncertainty marking'))
    const instruction = policy.split('\n')[1]!.replace(/Do not use[^.]*\./g, '')
    return ['⟨low⟩', '⟨medium⟩', '⟨⟨high⟩⟩'].filter((m) => instruction.includes(m))
  }

  it('marks uncertain claims at or above the chosen level', () => {
    const expected: Record<UncertaintyLevel, string[]> = {
      none: [],
      low: ['⟨low⟩', '⟨medium⟩', '⟨⟨high⟩⟩'],
      medium: ['⟨medium⟩', '⟨⟨high⟩⟩'],
      high: ['⟨⟨high⟩⟩'],
    }
    for (const level of UNCERTAINTY_LEVELS) {
      const prompt = reflective.systemPrompt('analytical', level)
      if (level === 'none') {
        expect(prompt).toMatch(/Do not use uncertainty markers/)
        continue
      }
      expect(allowedMarkers(prompt), level).toEqual(expected[level])
      expect(prompt).toContain(`${level.toUpperCase()} threshold`)
    }
    expect(reflective.systemPrompt('analytical', 'low')).toMatch(/even slightly unsure/)
    expect(reflective.systemPrompt('analytical', 'high')).toMatch(/Do not use ⟨low⟩ or ⟨medium⟩/)
  })

  it('rejects unknown patterns and levels', () => {
    expect(() => reflective.systemPrompt('poetic' as Pattern, 'low')).toThrowError(/pattern/)
    expect(() => reflective.systemPrompt('creative', 'max' as UncertaintyLevel)).toThrowError(
      /uncertainty/,
    )
    return expectMirrorError(
      Promise.resolve().then(() => reflective.systemPrompt('poetic' as Pattern, 'low')),
      'VALIDATION_FAILED',
    )
  })
})

describe('ReflectiveService.analyze', () => {
  it('finds markers with positions and the highest level', () => {
    const text = 'A ⟨low⟩ b ⟨medium⟩ c'
    const r = reflective.analyze(text)
    expect(r.markers).toEqual([
      { level: 'low', index: text.indexOf('⟨low⟩'), raw: '⟨low⟩' },
      { level: 'medium', index: text.indexOf('⟨medium⟩'), raw: '⟨medium⟩' },
    ])
    expect(r.level).toBe('medium')
  })

  it('reads ⟨⟨high⟩⟩ as one high marker, never as anything inside it', () => {
    const r = reflective.analyze('x ⟨⟨high⟩⟩ y')
    expect(r.markers).toEqual([{ level: 'high', index: 2, raw: '⟨⟨high⟩⟩' }])
    expect(r.level).toBe('high')
  })

  it('handles adjacent, nested and unbalanced brackets', () => {
    const cases: Array<[string, Array<[string, number]>]> = [
      [
        '⟨low⟩⟨medium⟩⟨⟨high⟩⟩',
        [
          ['low', 0],
          ['medium', 5],
          ['high', 13],
        ],
      ],
      ['⟨⟨low⟩', [['low', 1]]],
      ['⟨⟨medium⟩⟩', [['medium', 1]]],
      ['⟨high⟩ and ⟨⟨high⟩ and ⟨high⟩⟩', []],
      ['⟨⟨⟨high⟩⟩⟩', [['high', 1]]],
      [
        '⟨⟨high⟩⟩⟨⟨high⟩⟩',
        [
          ['high', 0],
          ['high', 8],
        ],
      ],
      ['⟨Low⟩ ⟨ low ⟩ <low> ⟨lo', []],
      ['⟨⟨high⟩⟩⟩low⟩', [['high', 0]]],
      ['', []],
    ]
    for (const [text, expected] of cases) {
      const found = reflective.analyze(text).markers.map((m) => [m.level, m.index])
      expect(found, text).toEqual(expected)
      for (const m of reflective.analyze(text).markers) {
        expect(text.slice(m.index, m.index + m.raw.length)).toBe(m.raw)
      }
    }
  })

  it('counts UTF-16 offsets after astral characters', () => {
    const text = '🌱🌱 ⟨medium⟩'
    expect(reflective.analyze(text).markers[0]!.index).toBe(5)
  })

  it('lists distinct glyphs in order of first appearance', () => {
    const r = reflective.analyze('★ then ◊ and ★ again, plus ◈ and ☆ but not ✱ or *')
    expect(r.glyphs).toEqual(['★', '◊', '◈', '☆'])
    expect(reflective.analyze('plain').glyphs).toEqual([])
  })

  it('scores depth one point per reflective move', () => {
    expect(reflective.analyze('Fine.').depth).toBe(0)
    expect(reflective.analyze('◊ Fine.').depth).toBe(1)
    expect(reflective.analyze('◊ Why now?').depth).toBe(2)
    expect(reflective.analyze('◊ Why now? ⟨low⟩').depth).toBe(3)
    expect(reflective.analyze('◊ You wrote “a new job”. Why now? ⟨low⟩').depth).toBe(4)
    const full = '◊ You wrote “a new job”. Why now? ⟨low⟩\n\nYou could list the options.'
    expect(reflective.analyze(full).depth).toBe(5)
    // A bare "?" or quotes around one letter do not count.
    expect(reflective.analyze('? "a"').depth).toBe(0)
    expect(reflective.analyze('As you mentioned, try it.').depth).toBe(2)
  })

  it('analyses the final text only: split markers are found once joined', () => {
    const deltas = ['Maybe ⟨', '⟨hi', 'gh⟩', '⟩ so']
    const joined = deltas.join('')
    expect(reflective.analyze(joined).markers).toEqual([
      { level: 'high', index: 6, raw: '⟨⟨high⟩⟩' },
    ])
    expect(deltas.flatMap((d) => reflective.analyze(d).markers)).toEqual([])
  })
})
