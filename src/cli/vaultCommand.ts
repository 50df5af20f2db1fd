import type { ArgSpec, OptionSpecs } from './args'
import type { GroupCommand } from './commandTable'
import { groupLeaf } from './groupLeaf'
import { VAULT_CATEGORIES } from '../shared/vaultRules'

// vaultRules.ts, not the zod schemas: `amos --help` must not load zod.
const CATEGORIES = [...VAULT_CATEGORIES]
const KEY: ArgSpec = { name: 'KEY' }
const FILE: ArgSpec = { name: 'FILE' }

const PASSWORDS = [
  'Passwords come from AMOS_VAULT_PASSWORD (AMOS_VAULT_NEW_PASSWORD for a new one) or a',
  'no-echo prompt on a terminal; never from arguments.',
]
export const UNLOCKS = [
  'Unlocks the vault for this command with AMOS_VAULT_PASSWORD, else the key remembered',
  'in the OS keychain (`amos vault unlock --remember`), else by asking on a terminal.',
]

const leaf = groupLeaf('vault', () => import('./commands/vault'))

const category: OptionSpecs = {
  category: {
    type: 'string',
    value: 'C',
    choices: CATEGORIES,
    description: `Category: ${CATEGORIES.join(', ')}.`,
  },
}

export const vaultCommand: GroupCommand = {
  kind: 'group',
  name: 'vault',
  summary: 'The encrypted vault: entries, backups, password (AES-256-GCM, PBKDF2).',
  subcommands: {
    init: leaf('init', 'Set up the vault with a new password.', (m) => m.init, {
      options: {
        remember: { type: 'boolean', description: "Also keep the key in this device's keychain." },
      },
      details: PASSWORDS,
    }),
    status: leaf('status', 'Show whether a vault exists and is remembered.', (m) => m.status),
    unlock: leaf('unlock', 'Check the password (and optionally remember it).', (m) => m.unlock, {
      options: {
        remember: {
          type: 'boolean',
          description: "Keep the key in this device's keychain, so commands need no password.",
        },
      },
      details: [...UNLOCKS, ...PASSWORDS],
    }),
    lock: leaf('lock', 'Lock the vault (the CLI keeps no key between commands).', (m) => m.lock, {
      options: {
        forget: { type: 'boolean', description: "Remove the key from this device's keychain." },
      },
    }),
    set: leaf('set', 'Create or update an entry.', (m) => m.set, {
      args: [KEY, { name: 'VALUE' }],
      usage: 'vault set KEY VALUE [--category C]',
      options: {
        ...category,
        tags: { type: 'string', value: 'A,B', description: 'Comma-separated tags.' },
        'use-in-conversations': {
          type: 'string',
          value: 'yes|no',
          choices: ['yes', 'no'],
          description: 'Give this entry to the model while the vault is unlocked.',
        },
        'json-value': { type: 'boolean', description: 'VALUE is JSON rather than text.' },
      },
      details: ['VALUE "-" reads the value from standard input (keeps it out of ps).', ...UNLOCKS],
    }),
    get: leaf('get', "Print an entry's value.", (m) => m.get, { args: [KEY], details: UNLOCKS }),
    list: leaf('list', 'List entries.', (m) => m.list, {
      usage: 'vault list [--category C]',
      options: category,
      details: UNLOCKS,
    }),
    search: leaf('search', 'Search inside entries (decrypted in memory only).', (m) => m.search, {
      args: [{ name: 'QUERY', variadic: true }],
      details: UNLOCKS,
    }),
    stats: leaf('stats', 'Count entries by category and sensitive messages.', (m) => m.stats, {
      details: UNLOCKS,
    }),
    delete: leaf('delete', 'Delete an entry.', (m) => m.remove, { args: [KEY], details: UNLOCKS }),
    check: leaf(
      'check',
      'List damaged records (exit 1 if any), or quarantine them.',
      (m) => m.check,
      {
        usage: 'vault check [--quarantine]',
        options: {
          quarantine: {
            type: 'boolean',
            description: 'Move damaged records out of the live vault (kept, never deleted).',
          },
        },
        details: [
          'A damaged record is skipped everywhere else; the rest of the vault stays usable.',
          ...UNLOCKS,
        ],
      },
    ),
    backup: leaf('backup', 'Write an encrypted backup file.', (m) => m.backup, {
      args: [FILE],
      details: ['Needs no password: the backup opens with the vault password of today.'],
    }),
    restore: leaf('restore', 'Restore a backup into a new vault, or merge it.', (m) => m.restore, {
      args: [FILE],
      usage: 'vault restore FILE [--merge]',
      options: {
        merge: {
          type: 'boolean',
          description: 'Merge into the existing vault (newer entries win).',
        },
      },
      details: [
        "The backup's password comes from AMOS_VAULT_BACKUP_PASSWORD, else AMOS_VAULT_PASSWORD,",
        'else a prompt. Nothing is written unless the whole backup checks out.',
      ],
    }),
    'import-sdk': leaf(
      'import-sdk',
      'Import an ActiveMirrorOS SDK vault folder (Python or JavaScript SDK).',
      (m) => m.importSdk,
      {
        args: [{ name: 'PATH' }],
        details: [
          'PATH is the SDK vault folder (holding .vault_index.enc and <key>.vault files), or a',
          "file in it. The SDK vault's password comes from AMOS_SDK_VAULT_PASSWORD, else a",
          'prompt. Keys the vault already has are skipped, never overwritten; the report lists',
          'those whose content differs. Damaged files are named on stderr (exit 1).',
          ...UNLOCKS,
        ],
      },
    ),
    'change-password': leaf(
      'change-password',
      'Change the vault password (re-wraps the key only).',
      (m) => m.changePassword,
      {
        details: [
          'The current password comes from AMOS_VAULT_PASSWORD, the new one from',
          'AMOS_VAULT_NEW_PASSWORD; on a terminal they are asked for instead.',
        ],
      },
    ),
  },
}
