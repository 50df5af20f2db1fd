import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../shared/patterns'
import type { GroupCommand } from './commandTable'

// From patterns.ts rather than the zod schemas: `amos --help` should not load zod.
const PATTERNS = Object.keys(PATTERN_INFO)
const UNCERTAINTY_LEVELS = Object.keys(UNCERTAINTY_LABELS)
const commands = () => import('./commands/instructions')

export const personasCommand: GroupCommand = {
  kind: 'group',
  name: 'personas',
  summary: 'Named presets of instructions, pattern, uncertainty and provider for new sessions.',
  subcommands: {
    list: {
      kind: 'leaf',
      name: 'personas list',
      summary: 'List personas.',
      usage: 'personas list',
      args: [],
      options: {},
      load: async () => (await commands()).personasList,
    },
    add: {
      kind: 'leaf',
      name: 'personas add',
      summary: 'Add a persona.',
      usage:
        'personas add NAME [--instructions TEXT] [--pattern P] [--uncertainty LEVEL] [--provider ID] [--model M]',
      args: [{ name: 'NAME' }],
      options: {
        instructions: {
          type: 'string',
          value: 'TEXT',
          description: 'Instructions sent with every turn of its sessions ("-": stdin).',
        },
        pattern: {
          type: 'string',
          value: 'P',
          choices: PATTERNS,
          description: `Pattern (default exploratory): ${PATTERNS.join(', ')}.`,
        },
        uncertainty: {
          type: 'string',
          value: 'LEVEL',
          choices: UNCERTAINTY_LEVELS,
          description: `Uncertainty marking (default none): ${UNCERTAINTY_LEVELS.join(', ')}.`,
        },
        provider: {
          type: 'string',
          value: 'ID',
          description: 'A configured provider id (default: the default provider).',
        },
        model: { type: 'string', value: 'M', description: 'A model of that provider.' },
      },
      details: [
        'Names are unique, compared trimmed and without regard to case.',
        'Start a session with it: amos sessions create TITLE --persona NAME',
      ],
      load: async () => (await commands()).personasAdd,
    },
    remove: {
      kind: 'leaf',
      name: 'personas remove',
      summary: 'Remove a persona (by name or id); its sessions keep working without it.',
      usage: 'personas remove NAME',
      args: [{ name: 'NAME' }],
      options: {},
      load: async () => (await commands()).personasRemove,
    },
  },
}
