import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const OUT = path.join(import.meta.dirname, '../../out/cli')
// Static imports and re-exports (at the start of a line, as esbuild writes them), import() and
// require() of a string.
const SPECIFIER =
  /^(?:import|export|\})[^;'"]*?["']([^"']+)["'];?$|\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/gm
// esbuild heads each bundled module with its path: code from these must never be in the SDK.
// (node_modules may be a link, so the package's path can start with ../)
const FORBIDDEN_MODULE =
  /^\/\/ (?:\S*\/)?(?:node_modules\/electron\/|src\/main\/electron\/|src\/main\/index\.ts|src\/main\/ipc\/electron)/m

/** Every file of the build an entry reaches, and every package it imports. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const queue = [path.join(OUT, entry)]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (files.has(file)) continue
    files.add(file)
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2]!
      if (specifier.startsWith('./') && specifier.endsWith('.mjs')) {
        queue.push(path.resolve(path.dirname(file), specifier))
      } else if (!specifier.startsWith('.')) packages.add(specifier)
    }
  }
  return { files, packages }
}

describe('the built SDK entries', () => {
  it.each(['sdk.mjs', 'testing.mjs'])('%s reaches no Electron code', (entry) => {
    expect(existsSync(path.join(OUT, entry))).toBe(true)
    const { files, packages } = reach(entry)
    // The walk found the chunks, and the packages the SDK really loads at run time.
    expect(files.size).toBeGreaterThan(1)
    const electron = [...packages].filter((p) => p === 'electron' || p.startsWith('electron/'))
    expect(electron).toEqual([])
    for (const file of files) {
      expect(FORBIDDEN_MODULE.exec(readFileSync(file, 'utf8'))?.[0], file).toBeUndefined()
    }
  })

  it('imports vitest only from the testing entry, and the native SQLite module from node_modules', () => {
    expect(reach('sdk.mjs').packages).not.toContain('vitest')
    expect(reach('testing.mjs').packages).toContain('vitest')
    expect(reach('sdk.mjs').packages).toContain('better-sqlite3-multiple-ciphers')
  })
})
