import type { Flags } from './args'
import {
  checkPositionals,
  GLOBAL_OPTIONS,
  leadingPositionals,
  parseTokens,
  usageError,
} from './args'
import type { Command, LeafCommand } from './commandTable'
import { COMMANDS } from './commandTable'

export type Invocation =
  | { kind: 'help'; command?: Command; sub?: LeafCommand; flags: Flags }
  | { kind: 'version'; flags: Flags }
  | { kind: 'run'; leaf: LeafCommand; args: string[]; flags: Flags }
  | { kind: 'placeholder'; command: Command; flags: Flags }

function lookup(name: string): Command | undefined {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined
}

function lookupSub(command: Command, name: string | undefined): LeafCommand | undefined {
  if (command.kind !== 'group' || name === undefined) return undefined
  return Object.prototype.hasOwnProperty.call(command.subcommands, name)
    ? command.subcommands[name]
    : undefined
}

function without(argv: readonly string[], indexes: number[]): string[] {
  return argv.filter((_, i) => !indexes.includes(i))
}

/** argv → what to do. Throws USAGE errors for unknown commands, options and missing arguments. */
export function resolveInvocation(argv: readonly string[]): Invocation {
  const [first, second] = leadingPositionals(argv, 2)
  const name = first === undefined ? undefined : argv[first]!

  if (name === undefined || name === 'help') {
    const rest = parseTokens(without(argv, first === undefined ? [] : [first]), GLOBAL_OPTIONS)
    if (name === undefined && rest.flags.version) return { kind: 'version', flags: rest.flags }
    if (name === undefined && !rest.flags.help) {
      throw usageError('Missing command. Run "amos --help" for the list of commands.')
    }
    const topic = rest.positionals[0]
    const command = topic === undefined ? undefined : lookup(topic)
    if (topic !== undefined && !command) throw usageError(`Unknown command "${topic}".`)
    const sub = command ? lookupSub(command, rest.positionals[1]) : undefined
    return { kind: 'help', command, sub, flags: rest.flags }
  }

  const command = lookup(name)
  if (!command)
    throw usageError(`Unknown command "${name}". Run "amos --help" for the list of commands.`)

  if (command.kind === 'placeholder') {
    const wantsHelp = argv.includes('--help') || argv.includes('-h')
    return wantsHelp
      ? { kind: 'help', command, flags: {} }
      : { kind: 'placeholder', command, flags: {} }
  }

  if (command.kind === 'group') {
    const subName = second === undefined ? undefined : argv[second]!
    const sub = lookupSub(command, subName)
    if (!sub) {
      const { flags } = parseTokens(without(argv, [first!]), GLOBAL_OPTIONS)
      if (flags.help && subName === undefined) return { kind: 'help', command, flags }
      const known = Object.keys(command.subcommands).join(', ')
      throw usageError(
        subName === undefined
          ? `Missing subcommand for ${name} (${known}).`
          : `Unknown subcommand "${name} ${subName}" (${known}).`,
      )
    }
    return runOrHelp(sub, without(argv, [first!, second!]), command)
  }
  return runOrHelp(command, without(argv, [first!]), command)
}

function runOrHelp(leaf: LeafCommand, rest: string[], command: Command): Invocation {
  const { positionals, flags } = parseTokens(rest, { ...GLOBAL_OPTIONS, ...leaf.options })
  if (flags.help) return { kind: 'help', command, sub: leaf === command ? undefined : leaf, flags }
  checkPositionals(positionals, leaf.args, leaf.usage)
  return { kind: 'run', leaf, args: positionals, flags }
}
