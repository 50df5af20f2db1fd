import { describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/cli/commandTable'
import type { Invocation } from '../../src/cli/resolve'
import { resolveInvocation } from '../../src/cli/resolve'
import { vaultCommand } from '../../src/cli/vaultCommand'
import { MirrorError } from '../../src/shared/errors'

function usage(argv: string[]): string {
  try {
    resolveInvocation(argv)
  } catch (error) {
    expect(error).toBeInstanceOf(MirrorError)
    expect((error as MirrorError).code).toBe('USAGE')
    return (error as MirrorError).message
  }
  throw new Error(`expected a USAGE error for ${argv.join(' ')}`)
}

function run(argv: string[]): Extract<Invocation, { kind: 'run' }> {
  const inv = resolveInvocation(argv)
  if (inv.kind !== 'run') throw new Error(`expected a command to run, got ${inv.kind}`)
  return inv
}

function help(argv: string[]): string {
  const inv = resolveInvocation(argv)
  if (inv.kind !== 'help') throw new Error(`expected help, got ${inv.kind}`)
  return inv.text
}

/** Every runnable command as typed after `amos`: `sessions list`, `send`, … */
const ALL_COMMANDS = Object.entries(COMMANDS).flatMap(([name, command]) =>
  command.kind === 'group'
    ? Object.keys(command.subcommands).map((sub) => `${name} ${sub}`)
    : [name],
)

describe('options', () => {
  it('reads --name value, --name=value, booleans, and global options anywhere', () => {
    const forms = [
      ['--data-dir', '/d', 'sessions', 'show', 'ID', '--json'],
      ['sessions', '--json', 'show', 'ID', '--data-dir=/d'],
      ['sessions', 'show', '--data-dir', '/d', 'ID', '--json'],
      ['--json', '--data-dir=/d', 'sessions', 'show', 'ID'],
    ]
    for (const argv of forms) {
      const inv = run(argv)
      expect(inv.leaf.name).toBe('sessions show')
      expect(inv.args).toEqual(['ID'])
      expect(inv.flags).toEqual({ 'data-dir': '/d', json: true })
    }
    expect(run(['--storage=json', 'sessions', 'list', '--all']).flags).toEqual({
      storage: 'json',
      all: true,
    })
  })

  it('treats everything after -- as arguments, and a lone - as an argument', () => {
    expect(run(['send', 'S', '-', '--json']).args).toEqual(['S', '-'])
    expect(run(['send', 'S', '--', '--json']).args).toEqual(['S', '--json'])
    expect(run(['send', '--sensitive', 'S', '--', '-x']).args).toEqual(['S', '-x'])
    expect(run(['send', 'S', '--', '--help']).args).toEqual(['S', '--help'])
  })

  it('gives command options to the command only', () => {
    expect(run(['send', 'S', 'hello there', '--pattern', 'creative', '--sensitive'])).toMatchObject(
      {
        args: ['S', 'hello there'],
        flags: { pattern: 'creative', sensitive: true },
      },
    )
    expect(run(['send', '--provider', 'oa', 'S', 'hi']).flags).toEqual({ provider: 'oa' })
    expect(usage(['sessions', 'show', 'S', '--pattern', 'creative'])).toBe(
      'Unknown option --pattern.',
    )
    expect(usage(['--pattern', 'creative', 'send', 'S', 'hi'])).toBe('Unknown option --pattern.')
  })

  it('rejects unknown options, missing values, bad choices and values on booleans', () => {
    expect(usage(['--nope'])).toBe('Unknown option --nope.')
    expect(usage(['sessions', 'list', '--nope=1'])).toBe('Unknown option --nope.')
    expect(usage(['-x'])).toBe('Unknown option -x.')
    expect(usage(['sessions', 'list', '--data-dir'])).toBe('--data-dir needs a value.')
    expect(usage(['--data-dir', '--json', 'sessions', 'list'])).toBe('--data-dir needs a value.')
    expect(usage(['--data-dir=', 'sessions', 'list'])).toBe('--data-dir needs a value.')
    expect(usage(['send', 'S', 'hi', '--uncertainty'])).toBe('--uncertainty needs a value.')
    expect(usage(['--storage', 'mysql', 'sessions', 'list'])).toBe(
      '--storage must be one of sqlite, json, postgres (got "mysql").',
    )
    expect(usage(['send', 'S', 'hi', '--uncertainty', 'huge'])).toBe(
      '--uncertainty must be one of none, low, medium, high (got "huge").',
    )
    expect(usage(['sessions', 'list', '--json=yes'])).toBe('--json does not take a value.')
    expect(usage(['sessions', 'list', '--all=yes'])).toBe('--all does not take a value.')
  })
})

describe('commands and arguments', () => {
  it('reports missing commands, subcommands and arguments, and extra arguments', () => {
    expect(usage([])).toBe('Missing command. Run "amos --help" for the list of commands.')
    expect(usage(['--json'])).toMatch(/^Missing command/)
    expect(usage(['frobnicate'])).toBe(
      'Unknown command "frobnicate". Run "amos --help" for the list of commands.',
    )
    expect(usage(['sessions'])).toBe(
      'Missing subcommand for sessions (list, create, show, rename, pin, unpin, move, archive, unarchive, delete, instructions).',
    )
    expect(usage(['sessions', 'explode'])).toMatch(/^Unknown subcommand "sessions explode" \(list,/)
    expect(usage(['sessions', 'rename', 'ID'])).toBe(
      'Missing TITLE. Usage: amos sessions rename ID TITLE',
    )
    expect(usage(['sessions', 'create', 'two', 'words'])).toBe(
      'Unexpected argument "words" (quote text that has spaces). Usage: amos sessions create [TITLE] [--persona NAME]',
    )
    expect(usage(['import'])).toBe('Missing FILE. Usage: amos import FILE|FOLDER...')
    expect(usage(['search'])).toMatch(/^Missing QUERY\./)
  })

  it('takes any number of words for a variadic argument, and an optional one may be left out', () => {
    expect(run(['search', 'lighthouse', 'coast', '--limit', '5'])).toMatchObject({
      args: ['lighthouse', 'coast'],
      flags: { limit: '5' },
    })
    expect(run(['import', 'a.json', 'b.md', 'c.zip']).args).toEqual(['a.json', 'b.md', 'c.zip'])
    expect(run(['export', '--all', '--out', 'x.zip'])).toMatchObject({
      args: [],
      flags: { all: true },
    })
  })

  it('never treats inherited object keys as commands', () => {
    expect(usage(['constructor'])).toMatch(/^Unknown command "constructor"/)
    expect(usage(['sessions', '__proto__'])).toMatch(/^Unknown subcommand/)
    expect(usage(['help', 'toString'])).toBe('Unknown command "toString".')
  })

  it('resolves every command in the table to itself', () => {
    for (const words of ALL_COMMANDS) {
      const command = COMMANDS[words.split(' ')[0]!]!
      const leaf = command.kind === 'group' ? command.subcommands[words.split(' ')[1]!]! : command
      const args = leaf.args.map((arg) => arg.name.toLowerCase())
      expect(run([...words.split(' '), ...args]).leaf).toBe(leaf)
    }
  })
})

describe('help and version', () => {
  it('lists every command and every global option in the program help', () => {
    const text = help(['--help'])
    expect(help(['-h'])).toBe(text)
    expect(help(['help'])).toBe(text)
    for (const words of ALL_COMMANDS) expect(text).toMatch(new RegExp(`^  ${words}\\b`, 'm'))
    for (const option of [
      '--data-dir <DIR>',
      '--storage <sqlite|json|postgres>',
      '--database-url <URL>',
      '--json',
      '--version',
    ])
      expect(text).toContain(option)
    expect(text).toContain('-h, --help')
  })

  it('shows a command its usage, options and details, from --help or -h anywhere, or help', () => {
    const text = help(['sessions', 'list', '--help'])
    expect(text).toMatch(
      /^Usage: amos sessions list \[--archived\] \[--all\] \[--folder FOLDER\]\n/,
    )
    expect(text).toContain('--archived')
    expect(text).toContain('--data-dir <DIR>')
    for (const argv of [
      ['--help', 'sessions', 'list'],
      ['sessions', '-h', 'list'],
      ['help', 'sessions', 'list'],
      ['--json', 'sessions', 'list', '-h'],
    ])
      expect(help(argv)).toBe(text)
    const send = help(['help', 'send'])
    expect(send).toContain('--uncertainty <LEVEL>')
    expect(send).toContain('TEXT "-" reads the message from standard input.')
    const group = help(['vault', '--help'])
    for (const sub of Object.keys(vaultCommand.subcommands))
      expect(group).toMatch(new RegExp(`^  vault ${sub}\\b`, 'm'))
  })

  it('lets help win over missing arguments but not over bad options before it', () => {
    expect(help(['send', '--help'])).toMatch(/^Usage: amos send ID TEXT/)
    expect(help(['sessions', 'rename', '-h'])).toMatch(/^Usage: amos sessions rename/)
    expect(usage(['--storage', 'x', '--help'])).toMatch(/^--storage must be one of/)
  })

  it('prints the version only without a command', () => {
    expect(resolveInvocation(['--version'])).toEqual({ kind: 'version', flags: { version: true } })
    expect(resolveInvocation(['--json', '--version'])).toMatchObject({ kind: 'version' })
    expect(run(['sessions', 'list', '--version']).leaf.name).toBe('sessions list')
  })
})
