import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { highlightStyle, renderSnippet, snippetRanges } from '../../src/cli/highlight'
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../src/shared/domain'
import { memoryIo } from './helpers/memoryIo'
import { removeDir, tempDir } from './helpers/runCli'

const dir = tempDir()
afterAll(() => removeDir(dir))

async function run(args: string[]) {
  const io = memoryIo({ cwd: dir })
  const code = await main(['--data-dir', dir, ...args], io)
  return { code, stdout: io.out(), stderr: io.err() }
}

describe('main() in-process', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['sessions']],
    [['sessions', 'explode']],
    [['sessions', 'list', '--bogus']],
    [['sessions', 'show']],
    [['sessions', 'rename', 'only-id']],
    [['sessions', 'create', 'two', 'words']],
    [['sessions', 'list', '--archived', '--all']],
    [['send', 'id-only']],
    [['send', 'S', 'hi', '--pattern', 'dreamy']],
    [['send', 'S', 'hi', '--uncertainty']],
    [['export', 'S', '--format', 'pdf']],
    [['search']],
    [['search', 'x', '--limit', '0']],
    [['import']],
    [['--storage', 'postgres', 'sessions', 'list']],
    [['sessions', 'list', '--json=1']],
    [['serve', '--port', 'eighty']],
    [['serve', '--port', '70000']],
  ])('%j is a usage error: exit 2, one USAGE line, nothing opened', async (args) => {
    const r = await run(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^USAGE: [^\n]+\n$/)
    expect(r.stdout).toBe('')
    expect(existsSync(`${dir}/activemirror.db`)).toBe(false)
  })

  it('prints an unexpected failure as one INTERNAL line without a stack', async () => {
    // A data dir path that is a file makes mkdir fail with a Node error, not a MirrorError.
    const file = `${dir}-file`
    await import('node:fs/promises').then((fs) => fs.writeFile(file, 'x'))
    try {
      const io = memoryIo({ cwd: dir })
      const code = await main(['--data-dir', `${file}/sub`, 'sessions', 'list'], io)
      expect(code).toBe(1)
      expect(io.err()).toMatch(/^(INTERNAL|STORAGE_\w+): [^\n]+\n$/)
      expect(io.err()).not.toMatch(/\bat \S+:\d+/)
    } finally {
      removeDir(file)
    }
  })
})

describe('search highlighting', () => {
  const snippet = `a ${SNIPPET_OPEN}lighthouse${SNIPPET_CLOSE} on\nthe ${SNIPPET_OPEN}coast${SNIPPET_CLOSE}`

  it('is bold on a terminal, brackets when piped or when NO_COLOR is set', () => {
    expect(highlightStyle(true, {})).toBe('ansi')
    expect(highlightStyle(false, {})).toBe('brackets')
    expect(highlightStyle(true, { NO_COLOR: '1' })).toBe('brackets')
    expect(renderSnippet(snippet, 'brackets')).toBe('a [lighthouse] on the [coast]')
    expect(renderSnippet(snippet, 'ansi')).toBe(
      'a \u001b[1mlighthouse\u001b[22m on the \u001b[1mcoast\u001b[22m',
    )
  })

  it('gives JSON consumers plain text with match ranges', () => {
    const { text, highlights } = snippetRanges(snippet)
    expect(text).toBe('a lighthouse on\nthe coast')
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['lighthouse', 'coast'])
  })
})
