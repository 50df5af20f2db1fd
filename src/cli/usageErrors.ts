import type { Command, CommanderError } from 'commander'
import type { MirrorError } from '../shared/errors'
import type { OptionSpec } from './args'
import { usageError } from './args'

/**
 * commander's argParser for a string option: rejects an empty value, and a following `--flag`
 * taken as the value (commander takes the next word whatever it is), and values outside
 * `choices`. Throws a USAGE MirrorError, which commander passes through untouched.
 */
export function optionValueParser(name: string, spec: OptionSpec): (value: string) => string {
  return (value) => {
    if (value === '' || value.startsWith('--')) throw usageError(`--${name} needs a value.`)
    if (spec.choices && !spec.choices.includes(value)) {
      throw usageError(`--${name} must be one of ${spec.choices.join(', ')} (got "${value}").`)
    }
    return value
  }
}

function isKnownOption(command: Command, long: string): boolean {
  for (let at: Command | null = command; at; at = at.parent) {
    if (at.options.some((option) => option.long === long)) return true
  }
  return false
}

function unknownOption(flag: string, command: Command): MirrorError {
  const [name = flag, value] = flag.split(/=(.*)/s)
  // commander only takes `--name=value` for options with a value; for a flag it is "unknown".
  if (value !== undefined && isKnownOption(command, name)) {
    return usageError(`${name} does not take a value.`)
  }
  return usageError(`Unknown option ${name}.`)
}

/**
 * A commander parse error as amos reports it: a USAGE MirrorError with the same wording the CLI
 * has always used. `usage` is the failing command's usage line, named in argument errors.
 * commander names the offending option only inside its message, in quotes.
 */
export function usageErrorFrom(
  error: CommanderError,
  command: Command,
  usage?: string,
): MirrorError {
  const quoted = /'([^']*)'/.exec(error.message)?.[1]
  const usageHint = usage ? ` Usage: amos ${usage}` : ''
  switch (error.code) {
    case 'commander.unknownOption':
      if (quoted) return unknownOption(quoted, command)
      break
    case 'commander.optionMissingArgument':
      if (quoted) return usageError(`${quoted.split(' ')[0]} needs a value.`)
      break
    case 'commander.missingArgument': {
      const missing = command.registeredArguments[command.args.length]?.name() ?? quoted
      return usageError(`Missing ${missing}.${usageHint}`)
    }
    case 'commander.excessArguments': {
      const extra = command.args[command.registeredArguments.length]
      return usageError(`Unexpected argument "${extra}" (quote text that has spaces).${usageHint}`)
    }
  }
  // Errors amos's commands cannot produce (no mandatory or conflicting options): commander's words.
  const message = error.message.replace(/^error: /, '')
  return usageError(message.endsWith('.') ? message : `${message}.`)
}
