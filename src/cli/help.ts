import type { OptionSpecs } from './args'
import { GLOBAL_OPTIONS } from './args'
import type { Command, LeafCommand } from './commandTable'
import { COMMANDS } from './commandTable'

function optionLines(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : ''
    return [`${short}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.description] as const
  })
  const width = Math.max(0, ...rows.map(([left]) => left.length))
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`)
}

function commandRows(): string[] {
  const rows: Array<[string, string]> = []
  for (const command of Object.values(COMMANDS)) {
    if (command.kind === 'group') {
      for (const leaf of Object.values(command.subcommands)) rows.push([leaf.usage, leaf.summary])
    } else if (command.kind === 'leaf') {
      rows.push([command.usage, command.summary])
    } else {
      rows.push([command.name, command.summary])
    }
  }
  return rows.map(([left, right]) => `  ${left}\n      ${right}`)
}

export function mainHelp(): string {
  return [
    'amos — the ActiveMirror command line',
    '',
    'Usage: amos [global options] <command> [arguments] [options]',
    '',
    'Commands:',
    ...commandRows(),
    '',
    'Global options (before or after the command):',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Exit codes: 0 ok, 1 failure, 2 usage error. Errors are one line on stderr: CODE: message.',
    'Run "amos <command> --help" for details.',
    '',
  ].join('\n')
}

function leafHelp(leaf: LeafCommand): string {
  const lines = [`Usage: amos ${leaf.usage}`, '', leaf.summary]
  if (leaf.details?.length) lines.push('', ...leaf.details)
  if (Object.keys(leaf.options).length > 0) lines.push('', 'Options:', ...optionLines(leaf.options))
  lines.push('', 'Global options:', ...optionLines(GLOBAL_OPTIONS), '')
  return lines.join('\n')
}

export function commandHelp(command: Command, sub?: LeafCommand): string {
  if (sub) return leafHelp(sub)
  if (command.kind === 'leaf') return leafHelp(command)
  if (command.kind === 'placeholder') return `amos ${command.name}: ${command.summary}\n`
  const subs = Object.values(command.subcommands).map(
    (leaf) => `  amos ${leaf.usage}\n      ${leaf.summary}`,
  )
  return [`Usage: amos ${command.name} <subcommand>`, '', command.summary, '', ...subs, ''].join(
    '\n',
  )
}
