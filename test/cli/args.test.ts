import { describe, expect, it } from 'vitest'
import { GLOBAL_OPTIONS, parseTokens } from '../../src/cli/args'
import { resolveInvocation } from '../../src/cli/resolve'
import { MirrorError } from '../../src/shared/errors'

function usage(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MirrorError)
    expect((error as MirrorError).code).toBe('USAGE')
    return (error as MirrorError).message
  }
  throw new Error('expected a USAGE error')
}

describe('parseTokens', () => {
  it('reads --name value, --name=value, booleans and -h', () => {
    const parsed = parseTokens(
      ['a', '--data-dir', '/d', '--storage=json', '--json', '-h', 'b'],
      GLOBAL_OPTIONS,
    )
    expect(parsed).toEqual({
      positionals: ['a', 'b'],
      flags: { 'data-dir': '/d', storage: 'json', json: true, help: true },
    })
  })

  it('treats everything after -- as positionals, and a lone - as a positional', () => {
    expect(parseTokens(['-', '--', '--json', '-x'], GLOBAL_OPTIONS).positionals).toEqual([
      '-',
      '--json',
      '-x',
    ])
  })

  it('rejects unknown options, missing values, bad choices and values on booleans', () => {
    expect(usage(() => parseTokens(['--nope'], GLOBAL_OPTIONS))).toMatch(/Unknown option --nope/)
    expect(usage(() => parseTokens(['-x'], GLOBAL_OPTIONS))).toMatch(/Unknown option -x/)
    expect(usage(() => parseTokens(['--data-dir'], GLOBAL_OPTIONS))).toMatch(
      /--data-dir needs a value/,
    )
    expect(usage(() => parseTokens(['--data-dir', '--json'], GLOBAL_OPTIONS))).toMatch(
      /needs a value/,
    )
    expect(usage(() => parseTokens(['--storage', 'postgres'], GLOBAL_OPTIONS))).toMatch(
      /sqlite, json/,
    )
    expect(usage(() => parseTokens(['--json=yes'], GLOBAL_OPTIONS))).toMatch(
      /does not take a value/,
    )
  })
})

describe('resolveInvocation', () => {
  it('finds the command and subcommand with global flags before, between and after', () => {
    const forms = [
      ['--data-dir', '/d', 'sessions', 'show', 'ID', '--json'],
      ['sessions', '--json', 'show', 'ID', '--data-dir=/d'],
      ['sessions', 'show', '--data-dir', '/d', 'ID', '--json'],
    ]
    for (const argv of forms) {
      const inv = resolveInvocation(argv)
      expect(inv.kind).toBe('run')
      if (inv.kind !== 'run') continue
      expect(inv.leaf.name).toBe('sessions show')
      expect(inv.args).toEqual(['ID'])
      expect(inv.flags).toEqual({ 'data-dir': '/d', json: true })
    }
  })

  it('gives command options to the command only', () => {
    const inv = resolveInvocation([
      'send',
      'S',
      'hello there',
      '--pattern',
      'creative',
      '--sensitive',
    ])
    expect(inv).toMatchObject({
      kind: 'run',
      args: ['S', 'hello there'],
      flags: { pattern: 'creative', sensitive: true },
    })
    expect(
      usage(() => resolveInvocation(['sessions', 'show', 'S', '--pattern', 'creative'])),
    ).toMatch(/Unknown option --pattern/)
    expect(usage(() => resolveInvocation(['send', 'S', 'hi', '--uncertainty', 'huge']))).toMatch(
      /none, low, medium, high/,
    )
  })

  it('reports missing commands, subcommands and arguments, and extra arguments', () => {
    expect(usage(() => resolveInvocation([]))).toMatch(/Missing command/)
    expect(usage(() => resolveInvocation(['--json']))).toMatch(/Missing command/)
    expect(usage(() => resolveInvocation(['frobnicate']))).toMatch(/Unknown command "frobnicate"/)
    expect(usage(() => resolveInvocation(['sessions']))).toMatch(/Missing subcommand/)
    expect(usage(() => resolveInvocation(['sessions', 'explode']))).toMatch(/Unknown subcommand/)
    expect(usage(() => resolveInvocation(['sessions', 'rename', 'ID']))).toMatch(/Missing TITLE/)
    expect(usage(() => resolveInvocation(['sessions', 'create', 'two', 'words']))).toMatch(
      /Unexpected argument "words"/,
    )
    expect(usage(() => resolveInvocation(['import']))).toMatch(/Missing FILE/)
  })

  it('never treats inherited object keys as commands', () => {
    expect(usage(() => resolveInvocation(['constructor']))).toMatch(/Unknown command/)
    expect(usage(() => resolveInvocation(['sessions', '__proto__']))).toMatch(/Unknown subcommand/)
  })

  it('routes --help, help and --version', () => {
    expect(resolveInvocation(['--help'])).toMatchObject({ kind: 'help', command: undefined })
    expect(resolveInvocation(['help', 'sessions'])).toMatchObject({
      kind: 'help',
      command: { name: 'sessions' },
    })
    expect(resolveInvocation(['sessions', 'list', '-h'])).toMatchObject({
      kind: 'help',
      sub: { name: 'sessions list' },
    })
    // Help wins over missing arguments.
    expect(resolveInvocation(['send', '--help'])).toMatchObject({
      kind: 'help',
      command: { name: 'send' },
    })
    expect(resolveInvocation(['--version'])).toMatchObject({ kind: 'version' })
  })
})
