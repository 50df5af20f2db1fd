import { MirrorError } from '../shared/errors'

export interface OptionSpec {
  type: 'string' | 'boolean'
  /** One-letter alias (`-h`). */
  short?: string
  /** Allowed values of a string option. */
  choices?: readonly string[]
  /** Placeholder for help text (`--port N`). */
  value?: string
  description: string
}

export type OptionSpecs = Record<string, OptionSpec>
export type Flags = Record<string, string | boolean>

export interface ParsedTokens {
  positionals: string[]
  flags: Flags
}

export function usageError(message: string): MirrorError {
  return new MirrorError('USAGE', message)
}

/** Flags every command accepts, before or after the command name. */
export const GLOBAL_OPTIONS: OptionSpecs = {
  'data-dir': { type: 'string', value: 'DIR', description: 'Data directory (env AMOS_DATA_DIR).' },
  storage: {
    type: 'string',
    value: 'sqlite|json',
    choices: ['sqlite', 'json'],
    description: 'Storage backend for the data directory.',
  },
  json: { type: 'boolean', description: 'Print machine-readable JSON.' },
  help: { type: 'boolean', short: 'h', description: 'Show help.' },
  version: { type: 'boolean', description: 'Print the version.' },
}

function findShort(specs: OptionSpecs, letter: string): string | undefined {
  return Object.keys(specs).find((name) => specs[name]?.short === letter)
}

/**
 * Strict parser: `--name value`, `--name=value`, `--flag`, `-h`; `--` ends the options.
 * Unknown options, missing values and values outside `choices` are USAGE errors.
 */
export function parseTokens(argv: readonly string[], specs: OptionSpecs): ParsedTokens {
  const positionals: string[] = []
  const flags: Flags = {}
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!
    if (token === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token)
      continue
    }
    const long = token.startsWith('--')
    const eq = long ? token.indexOf('=') : -1
    const rawName = long ? token.slice(2, eq < 0 ? undefined : eq) : token.slice(1)
    const name = long ? rawName : findShort(specs, rawName)
    const spec = name ? specs[name] : undefined
    if (!name || !spec) throw usageError(`Unknown option ${long ? `--${rawName}` : token}.`)
    if (spec.type === 'boolean') {
      if (eq >= 0) throw usageError(`--${name} does not take a value.`)
      flags[name] = true
      continue
    }
    let value: string | undefined
    if (eq >= 0) value = token.slice(eq + 1)
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) value = argv[++i]
    if (value === undefined || value === '') throw usageError(`--${name} needs a value.`)
    if (spec.choices && !spec.choices.includes(value)) {
      throw usageError(`--${name} must be one of ${spec.choices.join(', ')} (got "${value}").`)
    }
    flags[name] = value
  }
  return { positionals, flags }
}

/**
 * Indexes of the first `max` positionals, skipping global options and their values. Used to
 * find the command name before its own options are known; unknown options are left for the
 * strict parse to reject.
 */
export function leadingPositionals(argv: readonly string[], max: number): number[] {
  const found: number[] = []
  for (let i = 0; i < argv.length && found.length < max; i++) {
    const token = argv[i]!
    if (token === '--') break
    if (!token.startsWith('-') || token === '-') {
      found.push(i)
      continue
    }
    const name = token.startsWith('--') ? token.slice(2) : ''
    if (GLOBAL_OPTIONS[name]?.type === 'string') i++
  }
  return found
}

export interface ArgSpec {
  name: string
  optional?: boolean
  /** Takes all remaining positionals (must be last). */
  variadic?: boolean
}

/** Checks positional count against a command's argument list. */
export function checkPositionals(
  positionals: string[],
  args: readonly ArgSpec[],
  usage: string,
): void {
  const required = args.filter((a) => !a.optional).length
  const variadic = args.some((a) => a.variadic)
  if (positionals.length < required) {
    const missing = args[positionals.length]!
    throw usageError(`Missing ${missing.name}. Usage: amos ${usage}`)
  }
  if (!variadic && positionals.length > args.length) {
    throw usageError(
      `Unexpected argument "${positionals[args.length]}" (quote text that has spaces). Usage: amos ${usage}`,
    )
  }
}
