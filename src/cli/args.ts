import { MirrorError } from '../shared/errors'

/** An option as the command table declares it; program.ts turns it into a commander Option. */
export interface OptionSpec {
  type: 'string' | 'boolean'
  /** Allowed values of a string option. */
  choices?: readonly string[]
  /** Placeholder for help text (`--port <N>`). */
  value?: string
  /** A string option that may be given several times (`--attach A --attach B`): a list. */
  repeatable?: boolean
  description: string
}

export type OptionSpecs = Record<string, OptionSpec>
/** Options given on the command line, by long name (`data-dir`), global and the command's own. */
export type Flags = Record<string, string | boolean | string[]>

export interface ArgSpec {
  name: string
  optional?: boolean
  /** Takes all remaining positionals (must be last). */
  variadic?: boolean
}

export function usageError(message: string): MirrorError {
  return new MirrorError('USAGE', message)
}

/** Flags every command accepts, before or after the command name (besides -h, --help). */
export const GLOBAL_OPTIONS: OptionSpecs = {
  'data-dir': { type: 'string', value: 'DIR', description: 'Data directory (env AMOS_DATA_DIR).' },
  storage: {
    type: 'string',
    value: 'sqlite|json|postgres',
    choices: ['sqlite', 'json', 'postgres'],
    description: 'Storage backend for the data directory.',
  },
  'database-url': {
    type: 'string',
    value: 'URL',
    description: 'PostgreSQL server for --storage postgres (env AMOS_DATABASE_URL).',
  },
  json: { type: 'boolean', description: 'Print machine-readable JSON.' },
  version: { type: 'boolean', description: 'Print the version.' },
}
