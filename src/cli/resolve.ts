import { CommanderError } from 'commander'
import type { Parsed } from './program'
import { buildProgram } from './program'

export type Invocation = Exclude<Parsed, { kind: 'help' }> | { kind: 'help'; text: string }

const isHelpFlag = (token: string): boolean => token === '--help' || token === '-h'

/**
 * commander answers --help at the deepest command it reached when it met the flag; moved last
 * (before any `--`), `amos --help sessions list` helps with `sessions list` as
 * `amos sessions list --help` does.
 */
function helpLast(argv: readonly string[]): string[] {
  const end = argv.indexOf('--')
  const options = end < 0 ? argv : argv.slice(0, end)
  if (!options.some(isHelpFlag)) return [...argv]
  const rest = end < 0 ? [] : argv.slice(end)
  return [...options.filter((token) => !isHelpFlag(token)), '--help', ...rest]
}

/** argv → what to do. Throws USAGE errors for unknown commands, options and missing arguments. */
export function resolveInvocation(argv: readonly string[]): Invocation {
  let help = ''
  const result: { parsed?: Invocation } = {}
  const program = buildProgram(
    (text) => (help += text),
    (parsed) => (result.parsed = parsed.kind === 'help' ? { kind: 'help', text: '' } : parsed),
  )
  try {
    program.parse(helpLast(argv), { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return { kind: 'help', text: help }
    throw error
  }
  if (!result.parsed) throw new Error('The command line matched no command.')
  return result.parsed.kind === 'help' ? { kind: 'help', text: help } : result.parsed
}
