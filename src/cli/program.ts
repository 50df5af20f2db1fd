import { Command, Option } from 'commander'
import type { ArgSpec, Flags, OptionSpecs } from './args'
import { GLOBAL_OPTIONS, usageError } from './args'
import type { GroupCommand, LeafCommand } from './commandTable'
import { COMMANDS } from './commandTable'
import { HELP_SETTINGS, PROGRAM_DESCRIPTION, PROGRAM_HELP_AFTER } from './help'
import { optionValueParser, usageErrorFrom } from './usageErrors'

/** What a parsed command line asks for. Help has been written to the program's output. */
export type Parsed =
  | { kind: 'help' }
  | { kind: 'version'; flags: Flags }
  | { kind: 'run'; leaf: LeafCommand; args: string[]; flags: Flags }

function addOptions(command: Command, specs: OptionSpecs): void {
  for (const [name, spec] of Object.entries(specs)) {
    const value = spec.type === 'string' ? ` <${spec.value ?? 'VALUE'}>` : ''
    const option = new Option(`--${name}${value}`, spec.description)
    if (spec.repeatable) {
      const parse = optionValueParser(name, spec)
      option.argParser((text: string, previous: unknown) => [
        ...(Array.isArray(previous) ? (previous as string[]) : []),
        parse(text),
      ])
    } else if (spec.type === 'string') option.argParser(optionValueParser(name, spec))
    command.addOption(option)
  }
}

function argumentSyntax(arg: ArgSpec): string {
  if (arg.variadic) return `<${arg.name}...>`
  return arg.optional ? `[${arg.name}]` : `<${arg.name}>`
}

/** Given options of the command and every command above it, by long name. */
function flagsOf(command: Command): Flags {
  const flags: Flags = {}
  for (let at: Command | null = command; at; at = at.parent) {
    for (const option of at.options) {
      const value: unknown = at.getOptionValue(option.attributeName())
      if (typeof value === 'string' || typeof value === 'boolean') flags[option.name()] = value
      else if (Array.isArray(value)) flags[option.name()] = value.map(String)
    }
  }
  return flags
}

/** Subcommands inherit output and help settings; usage errors need the command's own usage. */
function child(parent: Command, name: string, summary: string, usage?: string): Command {
  const command = parent.command(name).summary(summary).description(summary).helpCommand(false)
  return command.exitOverride((error) => {
    // Help (exit code 0) ends the parse as it is; commander must never exit the process.
    throw error.exitCode === 0 ? error : usageErrorFrom(error, command, usage)
  })
}

function addLeaf(parent: Command, name: string, leaf: LeafCommand, done: (p: Parsed) => void) {
  const command = child(parent, name, leaf.summary, leaf.usage)
  for (const arg of leaf.args) command.argument(argumentSyntax(arg))
  addOptions(command, leaf.options)
  const ownUsage = leaf.usage.slice(leaf.name.length).trim()
  if (leaf.usage.startsWith(leaf.name) && ownUsage) command.usage(ownUsage)
  if (leaf.details?.length) command.addHelpText('after', `\n${leaf.details.join('\n')}`)
  command.action(() => done({ kind: 'run', leaf, args: command.args, flags: flagsOf(command) }))
}

function addGroup(program: Command, group: GroupCommand, done: (p: Parsed) => void) {
  const command = child(program, group.name, group.summary).usage('<subcommand>')
  for (const [name, leaf] of Object.entries(group.subcommands)) addLeaf(command, name, leaf, done)
  // Runs only when no subcommand matched: commander's own answer would be the help, as an error.
  command.allowExcessArguments().action(() => {
    const [sub] = command.args
    const known = Object.keys(group.subcommands).join(', ')
    throw usageError(
      sub === undefined
        ? `Missing subcommand for ${group.name} (${known}).`
        : `Unknown subcommand "${group.name} ${sub}" (${known}).`,
    )
  })
}

function addHelpCommand(program: Command, done: (p: Parsed) => void) {
  const command = child(program, 'help', 'Show help for a command.')
  command.argument('[COMMAND...]').action((topics: string[]) => {
    let target = program
    for (const topic of topics) {
      const next = target.commands.find((sub) => sub.name() === topic)
      if (!next && target === program) throw usageError(`Unknown command "${topic}".`)
      if (!next) break
      target = next
    }
    target.outputHelp()
    done({ kind: 'help' })
  })
}

/**
 * The `amos` command tree. Its actions only report what to run, through `done`; help text goes
 * to `write`. Parse errors are thrown as USAGE MirrorErrors.
 */
export function buildProgram(write: (text: string) => void, done: (p: Parsed) => void): Command {
  const program = new Command('amos')
    .description(PROGRAM_DESCRIPTION)
    .usage('[global options] <command> [arguments] [options]')
    .helpOption('-h, --help', 'Show help.')
    .helpCommand(false)
    .configureHelp(HELP_SETTINGS)
    .configureOutput({
      writeOut: write,
      writeErr: () => undefined,
      outputError: () => undefined,
      getOutHelpWidth: () => 80,
      getErrHelpWidth: () => 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : usageErrorFrom(error, program)
    })
    .addHelpText('after', PROGRAM_HELP_AFTER)
  addOptions(program.optionsGroup('Global Options:'), GLOBAL_OPTIONS)
  // Settings above are copied into each subcommand as it is created, so they come first.
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (entry.kind === 'group') addGroup(program, entry, done)
    else addLeaf(program, name, entry, done)
  }
  addHelpCommand(program, done)
  // Runs only when no command matched.
  program.allowExcessArguments().action(() => {
    const [name] = program.args
    const flags = flagsOf(program)
    if (name !== undefined) {
      throw usageError(`Unknown command "${name}". Run "amos --help" for the list of commands.`)
    }
    if (flags.version !== true) {
      throw usageError('Missing command. Run "amos --help" for the list of commands.')
    }
    done({ kind: 'version', flags })
  })
  return program
}
