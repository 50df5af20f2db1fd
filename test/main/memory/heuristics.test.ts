import { describe, expect, it } from 'vitest'
import { draftByHeuristics } from '../../../src/main/memory/heuristics'
import {
  memoryFingerprint,
  namingSubject,
  normalizeMemoryText,
  sameSubject,
} from '../../../src/main/memory/memoryText'

const lines = (...contents: string[]) =>
  contents.map((content, i) => ({ id: `m${i + 1}`, content }))
const drafted = (...contents: string[]) =>
  draftByHeuristics(lines(...contents)).map((d) => [d.reason, d.text, d.messageIds.join()])

describe('offline drafting on fixed conversations', () => {
  it('finds names, goals, decisions and preferences, one per sentence, with their message', () => {
    expect(
      drafted(
        'Hi! My name is priya. I prefer short answers with examples.',
        'Can you help me plan a trip to Japan?',
        "I'm working on a travel budget spreadsheet. My partner is called Sam Lee.",
        'We decided to take the train from Tokyo to Kyoto. Let’s see the costs.',
        'Please always answer in metric units! I hate long intros.',
        "let's go with the ryokan in Kyoto",
        'My goal is to keep the trip under 3000 euros.',
        'I want to see Mount Fuji',
      ),
    ).toEqual([
      ['name', 'Name is Priya', 'm1'],
      ['preference', 'Prefers short answers with examples', 'm1'],
      ['goal', 'Is working on a travel budget spreadsheet', 'm3'],
      ['name', 'Partner is called Sam Lee', 'm3'],
      ['decision', 'Decided to take the train from Tokyo to Kyoto', 'm4'],
      ['preference', 'Always answer in metric units', 'm5'],
      ['preference', 'Hates long intros', 'm5'],
      ['decision', 'Decided to go with the ryokan in Kyoto', 'm6'],
      ['goal', 'Goal: keep the trip under 3000 euros', 'm7'],
      ['goal', 'Wants to see Mount Fuji', 'm8'],
    ])
  })

  it('ignores questions, conditionals, and "call me" inside a longer sentence', () => {
    expect(
      drafted(
        'Do I prefer tea or coffee?',
        'If I want to move abroad, what should I check',
        'Call me when the report is ready, please.',
        'What is my name?',
        'The weather is nice today.',
      ),
    ).toEqual([])
    expect(drafted('Call me Jo.')).toEqual([['name', 'Name is Jo', 'm1']])
  })

  it('splits a sentence where a new statement begins, not inside a list', () => {
    expect(
      drafted(
        'My name is Ada and I prefer short answers.',
        "I'm working on a novel, but I hate outlining; my goal is to finish a draft by June",
        'I like tea and coffee',
      ),
    ).toEqual([
      ['name', 'Name is Ada', 'm1'],
      ['preference', 'Prefers short answers', 'm1'],
      ['goal', 'Is working on a novel', 'm2'],
      ['preference', 'Hates outlining', 'm2'],
      ['goal', 'Goal: finish a draft by June', 'm2'],
      ['preference', 'Likes tea and coffee', 'm3'],
    ])
  })

  it('reads typographic apostrophes as plain ones', () => {
    expect(drafted('I’m working on a thesis. Let’s go with plan B')).toEqual([
      ['goal', 'Is working on a thesis', 'm1'],
      ['decision', 'Decided to go with plan B', 'm1'],
    ])
  })

  it('drops objects that are too short or too long to be a fact', () => {
    expect(drafted('I like X', `I like ${'very '.repeat(40)}long things`)).toEqual([])
  })
})

describe('memory text comparison', () => {
  it('normalizes case, accents and punctuation for fingerprints', () => {
    expect(normalizeMemoryText('  Likes   CAFÉ, très fort! ')).toBe('likes cafe tres fort')
    expect(memoryFingerprint('Likes café.')).toBe(memoryFingerprint('likes CAFE'))
    expect(memoryFingerprint('Likes tea')).not.toBe(memoryFingerprint('Likes coffee'))
  })

  it('sees the same subject in repeats and contradictions, not in unrelated memories', () => {
    expect(namingSubject('Dog is called Rex')).toBe('dog')
    expect(namingSubject("The user's name is Sam")).toBe('name')
    expect(sameSubject('Name is Sam', 'Name is Samuel')).toBe(true)
    expect(sameSubject('Dog is called Rex', 'Dog is called Max')).toBe(true)
    expect(sameSubject('Likes coffee', 'Hates coffee')).toBe(true)
    expect(sameSubject('Prefers short answers', 'Prefers short answers with examples')).toBe(true)
    expect(sameSubject('Dog is called Rex', 'Cat is called Rex')).toBe(false)
    expect(sameSubject('Likes coffee', 'Wants to learn Rust')).toBe(false)
  })
})
