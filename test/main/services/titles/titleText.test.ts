import { describe, expect, it } from 'vitest'
import {
  MAX_AUTO_TITLE,
  cleanModelTitle,
  offlineTitle,
} from '../../../../src/main/services/titles/titleText'

describe('offlineTitle', () => {
  it.each([
    ['How do I bake sourdough bread at home?', 'How do I bake sourdough bread'],
    ['what are you avoiding.', 'What are you avoiding'],
    ['hi! can you explain TCP and UDP please', 'Explain TCP and UDP please'],
    [
      'Could you explain the difference between TCP and UDP in networking',
      'Explain the difference between TCP',
    ],
    [
      'Dr. Smith said my blood pressure is high. What should I eat?',
      'Dr. Smith said my blood pressure',
    ],
    [
      '## Plan\n\n```js\nrun()\n```\nwhy does this loop forever?',
      'Plan why does this loop forever',
    ],
    ['Explain C# generics!!', 'Explain C# generics'],
    ['Read https://example.com/a/very/long/path and sum it up', 'Read and sum it up'],
  ])('%j → %j', (message, title) => {
    expect(offlineTitle(message)).toBe(title)
  })

  it('keeps Chinese and Japanese to a few characters, without the full stop', () => {
    expect(offlineTitle('如何学习日语的语法和词汇？我是初学者。')).toBe('如何学习日语的语法和词汇')
    const long = offlineTitle(
      '日本語で長い文章を書いてみるとどうなるのでしょうか、とても気になります',
    )
    expect(long).toBe('日本語で長い文章を書いてみるとど')
    expect([...long!].length).toBe(16)
    // Korean is written with spaces: words are counted.
    expect(offlineTitle('안녕하세요 한국어 문법을 알려주세요.')).toBe(
      '안녕하세요 한국어 문법을 알려주세요',
    )
  })

  it('keeps emoji whole, never half a surrogate pair or ZWJ sequence', () => {
    expect(offlineTitle('🎉 Plan a birthday party for my daughter 🎂')).toBe(
      '🎉 Plan a birthday party',
    )
    expect(offlineTitle('👩‍👩‍👧‍👦'.repeat(80))).toBe('👩‍👩‍👧‍👦'.repeat(MAX_AUTO_TITLE))
    expect(offlineTitle('Cats 🐈')).toBe('Cats 🐈')
  })

  it('caps a very long message at a few words or 60 characters', () => {
    expect(offlineTitle('word '.repeat(500))).toBe('Word word word word word word')
    const oneWord = offlineTitle('x'.repeat(5_000))!
    expect(oneWord.length).toBe(MAX_AUTO_TITLE)
  })

  it('gives null when nothing readable is left', () => {
    expect(offlineTitle('???')).toBeNull()
    expect(offlineTitle('   \n ')).toBeNull()
  })
})

describe('cleanModelTitle', () => {
  it.each([
    ['Title: "Baking Sourdough Bread"', 'Baking Sourdough Bread'],
    ['**Sourdough at Home.**\nHere is why I chose it', 'Sourdough at Home'],
    ['「日本語の文法」', '日本語の文法'],
    ['  \n"TCP vs UDP explained!"', 'TCP vs UDP explained'],
    ['# Title: Weekly plan', 'Weekly plan'],
    ['标题：学习日语', '学习日语'],
  ])('%j → %j', (raw, title) => {
    expect(cleanModelTitle(raw)).toBe(title)
  })

  it('caps at 60 characters at a word boundary and drops empty answers', () => {
    const long = cleanModelTitle(`${'lengthy '.repeat(20)}words`)!
    expect(long.length).toBeLessThanOrEqual(MAX_AUTO_TITLE)
    expect(long.endsWith(' ')).toBe(false)
    expect(cleanModelTitle('""')).toBeNull()
    expect(cleanModelTitle('\n\n')).toBeNull()
  })
})
