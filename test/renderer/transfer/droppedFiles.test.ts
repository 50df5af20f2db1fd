import { describe, expect, it } from 'vitest'
import { droppedFiles } from '../../../src/renderer/src/components/transfer/droppedFiles'

// The File and Directory Entries API as Chromium exposes it for a real folder drop.
function fileEntry(file: File) {
  return {
    isFile: true,
    isDirectory: false,
    name: file.name,
    fullPath: `/${file.name}`,
    file: (ok: (f: File) => void) => ok(file),
  }
}

function dirEntry(name: string, batches: unknown[][]) {
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath: `/${name}`,
    createReader: () => {
      const pending = [...batches, []]
      return { readEntries: (ok: (entries: unknown[]) => void) => ok(pending.shift() ?? []) }
    },
  }
}

function transfer(entries: unknown[], files: File[] = []): DataTransfer {
  return {
    items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })),
    files,
  } as unknown as DataTransfer
}

describe('droppedFiles', () => {
  it('opens a dropped folder one level deep, reading every batch, naming files by folder', async () => {
    const index = new File(['{"sessions":["s1"]}'], 'index.json')
    const session = new File(['{"id":"s1"}'], 's1.json')
    const nested = dirEntry('inner', [[fileEntry(new File(['x'], 'deep.json'))]])
    const folder = dirEntry('sdk-store', [[fileEntry(index)], [fileEntry(session), nested]])
    const loose = new File(['# Notes'], 'notes.md')

    const files = await droppedFiles(transfer([folder, fileEntry(loose)]))

    expect(files.map((f) => f.name)).toEqual([
      'sdk-store/index.json',
      'sdk-store/s1.json',
      'notes.md',
    ])
    expect(await files[0]!.text()).toBe('{"sessions":["s1"]}')
  })

  it('returns the plain file list when no folder was dropped', async () => {
    const a = new File(['a'], 'a.json')
    const files = await droppedFiles(transfer([fileEntry(a)], [a]))
    expect(files).toEqual([a])
    expect(await droppedFiles(null)).toEqual([])
  })
})
