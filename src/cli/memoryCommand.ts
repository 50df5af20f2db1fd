import type { ArgSpec, OptionSpecs } from './args'
import type { GroupCommand } from './commandTable'
import { groupLeaf } from './groupLeaf'
import type { LeafExtra } from './groupLeaf'
import { UNLOCKS as VAULT_UNLOCKS } from './vaultCommand'

const groupLeafOf = groupLeaf('memory', () => import('./commands/memory'))

const ID: ArgSpec = { name: 'ID' }
const FILE: ArgSpec = { name: 'FILE' }
const UNLOCKS = [...VAULT_UNLOCKS, 'IDs may be shortened to any unique start.']
const scope: OptionSpecs = {
  scope: {
    type: 'string',
    value: 'S',
    description: 'global, folder:ID, persona:ID or session:ID.',
  },
}

const leaf = (
  name: string,
  summary: string,
  pick: Parameters<typeof groupLeafOf>[2],
  extra: LeafExtra = {},
) => groupLeafOf(name, summary, pick, { details: UNLOCKS, ...extra })

export const memoryCommand: GroupCommand = {
  kind: 'group',
  name: 'memory',
  summary: 'Memories kept in the vault, and suggestions to accept or reject (docs/memory.md).',
  subcommands: {
    list: leaf('list', 'List memories (or the suggestions waiting for review).', (m) => m.list, {
      usage: 'memory list [--scope S] [--suggestions]',
      options: {
        ...scope,
        suggestions: { type: 'boolean', description: 'List the suggestions waiting instead.' },
      },
    }),
    suggest: leaf('suggest', 'Draft suggestions from a session now.', (m) => m.suggest, {
      args: [{ name: 'SESSION_ID' }],
      details: [
        "Drafted by the session's model when allowed, else by offline heuristics; nothing is",
        'remembered until accepted. Temporary chats and sessions with memory off are skipped.',
        ...UNLOCKS,
      ],
    }),
    accept: leaf('accept', 'Accept a suggestion as a memory.', (m) => m.accept, {
      args: [ID],
      usage: 'memory accept ID [--text TEXT] [--scope S]',
      options: {
        text: { type: 'string', value: 'TEXT', description: 'Accept with this text instead.' },
        ...scope,
      },
    }),
    reject: leaf('reject', 'Reject a suggestion (never suggested again).', (m) => m.reject, {
      args: [ID],
    }),
    edit: leaf(
      'edit',
      "Change a memory's text (the old one is kept in its history).",
      (m) => m.edit,
      {
        args: [ID, { name: 'TEXT' }],
        usage: 'memory edit ID TEXT [--scope S]',
        options: scope,
      },
    ),
    delete: leaf('delete', 'Delete a memory.', (m) => m.remove, { args: [ID] }),
    export: leaf(
      'export',
      'Write the memories to a JSON file (not encrypted).',
      (m) => m.exportFile,
      {
        args: [FILE],
      },
    ),
    import: leaf('import', 'Add the memories of an export file.', (m) => m.importFile, {
      args: [FILE],
      details: [
        'Memories already here (same id or same text) are skipped; a record that cannot be',
        'read is named on stderr (exit 1) and the others still import.',
        ...UNLOCKS,
      ],
    }),
    'local-only': leaf(
      'local-only',
      'Show or set "Send memories only to local models".',
      (m) => m.localOnly,
      {
        args: [{ name: 'on|off', optional: true }],
        usage: 'memory local-only [on|off]',
        details: [
          'On (the default): cloud models get no memories and no recall from past sessions.',
        ],
      },
    ),
  },
}
