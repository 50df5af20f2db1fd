import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { JsonListSplitter } from '../../../../src/main/services/transfer/import/jsonListSplitter'
import { streamJsonList } from '../../../../src/main/services/transfer/import/jsonListStream'

/** The items of `text` fed `size` bytes at a time (1: every byte its own chunk). */
function split(text: string, size: number): unknown[] {
  const bytes = Buffer.from(text, 'utf8')
  const splitter = new JsonListSplitter()
  const items: unknown[] = []
  for (let i = 0; i < bytes.length; i += size) {
    for (const item of splitter.push(bytes.subarray(i, i + size))) items.push(JSON.parse(item))
  }
  splitter.end()
  return items
}

const TRICKY = [
  { title: 'brackets ] and } and [ in a "string"', parts: ['\\"', 'back\\\\slash\\'] },
  'a string item, with a comma]',
  12.5e3,
  -7,
  true,
  null,
  [1, [2, { three: '3' }]],
  { emoji: '🌱 naïve café ⟨low⟩', empty: {}, list: [] },
]

describe('JsonListSplitter', () => {
  it('cuts a list into the same items JSON.parse sees, however the bytes are chunked', () => {
    const text = `\ufeff [ ${TRICKY.map((v) => JSON.stringify(v, null, 1)).join(' ,\n')} ]\n`
    for (const size of [1, 2, 3, 7, 64, 1 << 16]) expect(split(text, size)).toEqual(TRICKY)
    expect(split('[]', 1)).toEqual([])
    expect(split('[1,2]', 1)).toEqual([1, 2])
  })

  it('finds the end of strings with runs of backslashes cut anywhere by chunks', () => {
    const items = [
      { s: 'a\\', t: '\\\\"]}', u: '\\\\\\' },
      ['\\', '"', '"\\"', 'x\\\\"'],
      '"',
      { deep: { s: '\\\\\\\\', n: [{}, '}'] } },
    ]
    const text = JSON.stringify(items)
    for (let size = 1; size <= 12; size++) expect(split(text, size)).toEqual(items)
  })

  it('refuses a broken list structure, naming the byte', () => {
    expect(() => split('[1 2]', 64)).toThrow(/unexpected "2" at byte 3/)
    expect(() => split('[1,]', 64)).toThrow(/unexpected "]" at byte 3/)
    expect(() => split('[,1]', 64)).toThrow(/unexpected ","/)
    expect(() => split('[1] x', 64)).toThrow(/unexpected "x" at byte 4/)
    expect(() => split('{"a":1}', 64)).toThrow(/unexpected "{" at byte 0/)
    expect(() => split('[{"a": [1, 2]}', 64)).toThrow(/not closed/)
  })

  it('streamJsonList yields parsed items, counts bytes and closes the input when stopped early', async () => {
    const text = JSON.stringify([{ a: 1 }, { b: 2 }, { c: 3 }])
    let bytes = 0
    const all: unknown[] = []
    for await (const v of streamJsonList(Readable.from([Buffer.from(text)]), (n) => (bytes += n))) {
      all.push(v)
    }
    expect(all).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }])
    expect(bytes).toBe(text.length)
    const input = Readable.from([Buffer.from(text)])
    for await (const v of streamJsonList(input, () => {})) {
      expect(v).toEqual({ a: 1 })
      break
    }
    expect(input.destroyed).toBe(true)
    const bad = streamJsonList(Readable.from([Buffer.from('[{"a": 1}, {"b": ]')]), () => {})
    await expect(async () => {
      for await (const _ of bad) void _
    }).rejects.toThrow(SyntaxError)
  })
})
