import type { Command, HelpConfiguration, Option } from 'commander'

/** `sessions rename ID TITLE`: the command's words below `amos`, then its arguments. */
function commandTerm(command: Command): string {
  const words: string[] = []
  for (let at: Command | null = command; at?.parent; at = at.parent) words.unshift(at.name())
  for (const arg of command.registeredArguments) {
    const name = arg.variadic ? `${arg.name()}...` : arg.name()
    words.push(arg.required ? name : `[${name}]`)
  }
  return words.join(' ')
}

/** How commander lays out `amos --help` and `amos <command> --help`. */
export const HELP_SETTINGS: HelpConfiguration = {
  sortSubcommands: false,
  showGlobalOptions: true,
  // The program's help lists every command a user can run, the subcommands of each group
  // included; a group's help lists its subcommands.
  visibleCommands: (command) =>
    command.parent
      ? [...command.commands]
      : command.commands.flatMap((sub) => (sub.commands.length > 0 ? sub.commands : [sub])),
  subcommandTerm: commandTerm,
  // --version only means something without a command.
  visibleGlobalOptions: (command) => {
    const options: Option[] = []
    for (let at = command.parent; at; at = at.parent) options.push(...at.options)
    return options.filter((option) => option.long !== '--version')
  },
}

export const PROGRAM_DESCRIPTION = 'amos — the ActiveMirror command line.'

export const PROGRAM_HELP_AFTER = [
  '',
  'Global options work before or after the command.',
  'Exit codes: 0 ok, 1 failure, 2 usage error. Errors are one line on stderr: CODE: message.',
  'Run "amos <command> --help" (or "amos help <command>") for its options.',
].join('\n')
