import { describe, expect, it } from 'vitest'
import {
  entryBytes,
  packTextBatches,
} from '../../../src/renderer/src/components/transfer/fileTransport'
import {
  FRAME_ENVELOPE_BYTES,
  MAX_FRAME_BYTES,
  SMALL_TEXT_BYTES,
} from '../../../src/shared/hostSocket'

const frameOf = (files: Array<{ name: string; content: string }>) =>
  new TextEncoder().encode(JSON.stringify({ id: 1, route: 'import.files', input: { files } }))
    .length

describe('import.files batches', () => {
  it('fills each request up to one browser-host frame', () => {
    const files = Array.from({ length: 20 }, (_, i) => ({
      name: `f${i}.md`,
      content: 'é'.repeat(450 * 1024),
    }))
    const { batches, alone } = packTextBatches(files, entryBytes)
    expect(alone).toEqual([])
    expect(batches.flat()).toEqual(files)
    expect(batches.length).toBeGreaterThan(1)
    for (const batch of batches) expect(frameOf(batch)).toBeLessThanOrEqual(MAX_FRAME_BYTES)
    // Full: the next file would not have fitted.
    const first = batches[0] ?? []
    expect(frameOf([...first, files[first.length]!])).toBeGreaterThan(
      MAX_FRAME_BYTES - FRAME_ENVELOPE_BYTES,
    )
  })

  it('sends a file that cannot fit a frame even alone as bytes instead', () => {
    const escaped = { name: 'odd.txt', content: '\u0001'.repeat(SMALL_TEXT_BYTES + 1) }
    const plain = { name: 'a.md', content: 'hello' }
    expect(packTextBatches([escaped, plain], entryBytes)).toEqual({
      batches: [[plain]],
      alone: [escaped],
    })
  })

  it("keeps to the route's 100 files per request", () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ name: `s${i}`, content: 'x' }))
    expect(packTextBatches(many, entryBytes).batches.map((b) => b.length)).toEqual([100, 100, 50])
  })
})
