import { describe, expect, it } from 'vitest'
import { isQuestion, splitSentences } from '../../../src/main/llm/offline/sentences'
import { OfflineEngine } from '../../../src/main/llm/offlineEngine'
import type { ProviderRequest } from '../../../src/main/llm/provider'
import type { Pattern } from '../../../src/shared/domain'
import { PATTERNS } from '../../../src/shared/domain'

const engine = new OfflineEngine({ delayMs: 0 })

function reply(text: string, pattern: Pattern = 'exploratory', previous?: string): string {
  const history: ProviderRequest['messages'] = previous
    ? [
        { role: 'user', content: previous },
        { role: 'assistant', content: 'Go on.' },
      ]
    : []
  return engine.reply({
    model: 'reflective-offline-1',
    system: '',
    messages: [...history, { role: 'user', content: text }],
    pattern,
    uncertainty: 'medium',
  })
}

// Two sentence marks in a row, possibly with a closing quote between them ("job….", "…”.").
const DOUBLED = /[.!?…][”"’)]?[.!?…]/u

describe('offline engine: questions, punctuation and abbreviations', () => {
  it('recognises a question that ends in a period and quotes it as asked', () => {
    const text = reply('what are you avoiding.')
    expect(text).toContain('You asked: “what are you avoiding?”')
    // A question is not turned into a statement about the user.
    expect(text).not.toContain('If I hear you right')
    expect(text).not.toMatch(DOUBLED)
  })

  it.each([
    ['what are you avoiding.', true],
    ['should I stay', true],
    ['Does it matter.', true],
    ['really??.', true],
    ['Is this normal?', true],
    ['Do it now.', false],
    ['What a day.', false],
    ['I wonder what you are avoiding.', false],
    ['How nice!', false],
  ])('isQuestion(%j) is %s', (sentence, expected) => {
    expect(isQuestion(sentence)).toBe(expected)
  })

  const doubled = [
    'I lost my job….',
    'I lost my job…. Now what',
    'really??.',
    'ok..',
    'Honestly I have been thinking for a very long time about whether I should leave my job…. It is hard',
  ]

  it.each(doubled)('never doubles punctuation when quoting %j', (input) => {
    for (const pattern of PATTERNS) {
      const text = reply(input, pattern, input)
      expect(text, `${pattern}: ${text}`).not.toMatch(DOUBLED)
    }
  })

  it('keeps the user’s sentence when it ends in doubled punctuation', () => {
    expect(reply('I lost my job….')).toMatch(/: “I lost my job”\./)
    expect(reply('really??.')).toContain('You asked: “really?”')
    expect(reply('ok..')).toMatch(/: “ok”\./)
  })

  it.each([
    ['I saw Dr. Smith about my knee yesterday.', 'I saw Dr. Smith about my knee yesterday'],
    [
      'Mr. Brown from next door keeps borrowing my ladder.',
      'Mr. Brown from next door keeps borrowing my ladder',
    ],
    [
      'Mrs. Patel thinks my garden needs more light.',
      'Mrs. Patel thinks my garden needs more light',
    ],
    [
      'I want calmer evenings, e.g. reading instead of scrolling.',
      'I want calmer evenings, e.g. reading instead of scrolling',
    ],
    [
      'I want one thing, i.e. more time with my daughter.',
      'I want one thing, i.e. more time with my daughter',
    ],
    [
      'I packed books, pens etc. for the long train journey.',
      'I packed books, pens etc. for the long train journey',
    ],
    [
      'We moved to Church St. last spring and I miss the sea.',
      'We moved to Church St. last spring and I miss the sea',
    ],
    ['It is always work vs. family for me lately.', 'It is always work vs. family for me lately'],
  ])('does not end the sentence at the abbreviation in %j', (input, quoted) => {
    expect(reply(input)).toContain(`“${quoted}”`)
  })

  it('splits at real sentence ends, including after "etc." before a capital', () => {
    expect(splitSentences('I saw Dr. Smith. Then I went home.')).toEqual([
      'I saw Dr. Smith.',
      'Then I went home.',
    ])
    expect(splitSentences('I bought pens, paper etc. Then the shop closed.')).toEqual([
      'I bought pens, paper etc.',
      'Then the shop closed.',
    ])
    expect(splitSentences('Is it fine? I think so… Maybe not!')).toEqual([
      'Is it fine?',
      'I think so…',
      'Maybe not!',
    ])
  })

  it('does not offer abbreviations as key words', () => {
    const text = reply('Mr. and Mrs. Jones live on Baker St. near us, e.g. by the park, etc.')
    expect(text).not.toMatch(/“(Mr|Mrs|St|etc|vs)”/i)
    expect(text).toContain('“Jones”')
  })
})
