import { describe, expect, it } from 'vitest'
import { displayWidth, padEndToWidth, truncateToWidth } from '../../src/cli/displayWidth'
import { table } from '../../src/cli/output'
import type { Session } from '../../src/shared/domain'
import { amos, amosJson, dataDirs } from './helpers/runCli'

const dataDir = dataDirs()

// Titles with the columns a terminal gives them, counted by hand.
const FAMILY = '👨\u200d👩\u200d👧\u200d👦' // one ZWJ sequence: 2 columns
const TITLES: Array<[string, number]> = [
  ['Plain notes', 11],
  ['日本語のメモ', 12],
  ['한국어 일기', 11],
  [`${FAMILY} family`, 9],
  ['🇯🇵 trip', 7],
  ['Cafe\u0301 au lait', 12], // e + combining acute: one column
  ['ｶﾀｶﾅ halfwidth', 14],
  ['Ｗｉｄｅ', 8],
]

describe('display width', () => {
  it.each(TITLES)('%j takes %i columns', (text, columns) => {
    expect(displayWidth(text)).toBe(columns)
  })

  it('pads to a width in columns', () => {
    expect(padEndToWidth('日本', 6)).toBe('日本  ')
    expect(padEndToWidth(FAMILY, 3)).toBe(`${FAMILY} `)
  })

  it('truncates between whole graphemes, never inside a wide character or a sequence', () => {
    expect(truncateToWidth('日本語のメモ', 12)).toBe('日本語のメモ')
    expect(truncateToWidth('日本語のメモ', 7)).toBe('日本語…')
    expect(truncateToWidth('日本語のメモ', 6)).toBe('日本…')
    expect(truncateToWidth(`${FAMILY}${FAMILY}${FAMILY}`, 5)).toBe(`${FAMILY}${FAMILY}…`)
    expect(truncateToWidth('🇯🇵🇫🇷🇩🇪', 4)).toBe('🇯🇵…')
    expect(truncateToWidth('Cafe\u0301s are open', 5)).toBe('Cafe\u0301…')
    for (const max of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(displayWidth(truncateToWidth('日本語のメモ', max))).toBeLessThanOrEqual(max)
    }
  })

  it('lines table columns up by display width', () => {
    const lines = table([...TITLES.map(([t]) => [t, 'x']), ['TITLE', 'NEXT']]).split('\n')
    const widest = Math.max(...TITLES.map(([, w]) => w))
    TITLES.forEach(([title, width], i) => {
      expect(lines[i]).toBe(`${title}${' '.repeat(widest - width)}  x`)
    })
  })
})

describe('amos sessions list with CJK, emoji and accented titles', () => {
  it('keeps every column aligned, and cuts long titles by width', async () => {
    const dir = dataDir()
    const long = '長いタイトル'.repeat(10) // 120 columns
    const created: Session[] = []
    for (const [title] of [...TITLES, [long, 120] as [string, number]]) {
      created.push(await amosJson<Session>(['--data-dir', dir, 'sessions', 'create', title]))
    }
    const r = await amos(['--data-dir', dir, 'sessions', 'list'])
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    const header = lines[0]!
    const messagesAt = header.indexOf('MESSAGES')
    const idWidth = created[0]!.id.length
    for (const [title, width] of TITLES) {
      const line = lines.find((l) => l.includes(title))
      expect(line, title).toBeDefined()
      // After the title, spaces up to the MESSAGES column, counted in columns, not characters.
      const afterTitle = line!.slice(line!.indexOf(title) + title.length)
      const gap = /^ */.exec(afterTitle)![0].length
      expect(idWidth + 2 + width + gap, title).toBe(messagesAt)
      expect(afterTitle.trimStart().startsWith('0 ')).toBe(true)
    }
    // The long title is cut to at most 48 columns, "…" included: 36 + 10 + 1, as a wide
    // character does not fit the one column left.
    const cut = lines.find((l) => l.includes('長いタイトル'))!
    expect(cut).toContain(`${'長いタイトル'.repeat(3)}長いタイト…  0`)
    expect(messagesAt).toBe(idWidth + 2 + 47 + 2)
  })
})
