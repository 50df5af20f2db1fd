import type { ArgSpec, OptionSpecs } from './args'
import type { CommandRun } from './context'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../shared/patterns'
import { attachmentsCommand } from './attachmentsCommand'
import { MESSAGE_COMMANDS } from './messageCommands'
import { personasCommand } from './personasCommand'
import { FOLDER_NOTE, foldersCommand } from './foldersCommand'
import { providersCommand } from './providersCommand'
import { vaultCommand } from './vaultCommand'
import { memoryCommand } from './memoryCommand'
import { backupCommand } from './backupCommand'
import { SESSION_ID_NOTE } from './idNotes'

// From patterns.ts rather than the zod schemas in domain.ts: `amos --help` should not load zod.
const PATTERNS = Object.keys(PATTERN_INFO)
const UNCERTAINTY_LEVELS = Object.keys(UNCERTAINTY_LABELS)

export interface LeafCommand {
  kind: 'leaf'
  name: string
  summary: string
  usage: string
  args: readonly ArgSpec[]
  options: OptionSpecs
  /** Extra lines for `--help`. */
  details?: readonly string[]
  /** Lazy so that `amos --help` never loads storage, SQLite or the services. */
  load(): Promise<CommandRun>
}

export interface GroupCommand {
  kind: 'group'
  name: string
  summary: string
  subcommands: Record<string, LeafCommand>
}

export type Command = LeafCommand | GroupCommand

const sessions = () => import('./commands/sessions')

function sessionLeaf(
  name: string,
  summary: string,
  args: readonly ArgSpec[],
  pick: (m: Awaited<ReturnType<typeof sessions>>) => CommandRun,
  options: OptionSpecs = {},
): LeafCommand {
  const argText = args.map((a) => (a.optional ? `[${a.name}]` : a.name)).join(' ')
  const optText = Object.entries(options)
    .map(([flag, spec]) => (spec.value ? `[--${flag} ${spec.value}]` : `[--${flag}]`))
    .join(' ')
  return {
    kind: 'leaf',
    name: `sessions ${name}`,
    summary,
    usage: ['sessions', name, argText, optText].filter(Boolean).join(' '),
    args,
    options,
    ...(args.some((a) => a.name === 'ID') ? { details: [SESSION_ID_NOTE] } : {}),
    load: async () => pick(await sessions()),
  }
}

const ID: ArgSpec = { name: 'ID' }
const TITLE: ArgSpec = { name: 'TITLE' }

export const COMMANDS: Record<string, Command> = {
  sessions: {
    kind: 'group',
    name: 'sessions',
    summary: 'List, create, show, rename, pin, move, archive and delete sessions.',
    subcommands: {
      list: sessionLeaf(
        'list',
        'List sessions: pinned first, then most recently updated first.',
        [],
        (m) => m.list,
        {
          archived: { type: 'boolean', description: 'Only archived sessions.' },
          all: { type: 'boolean', description: 'Active and archived sessions.' },
          folder: {
            type: 'string',
            value: 'FOLDER',
            description: 'Only the sessions in this folder (name or id).',
          },
        },
      ),
      create: sessionLeaf(
        'create',
        'Create a session (without TITLE: named automatically after its first reply).',
        [{ name: 'TITLE', optional: true }],
        (m) => m.create,
        {
          persona: {
            type: 'string',
            value: 'NAME',
            description: 'Start with this persona (name or id; see amos personas list).',
          },
        },
      ),
      show: sessionLeaf('show', 'Show a session with all its messages.', [ID], (m) => m.show),
      rename: sessionLeaf('rename', 'Rename a session.', [ID, TITLE], (m) => m.rename),
      pin: sessionLeaf('pin', 'Pin a session: it lists before all others.', [ID], (m) => m.pin),
      unpin: sessionLeaf('unpin', 'Unpin a session.', [ID], (m) => m.unpin),
      move: {
        ...sessionLeaf(
          'move',
          'File a session in a folder (--none: take it out of its folder).',
          [ID, { name: 'FOLDER', optional: true }],
          (m) => m.move,
          { none: { type: 'boolean', description: 'Take the session out of its folder.' } },
        ),
        details: [SESSION_ID_NOTE, FOLDER_NOTE],
      },
      archive: sessionLeaf('archive', 'Archive a session.', [ID], (m) => m.archive),
      unarchive: sessionLeaf(
        'unarchive',
        'Bring an archived session back.',
        [ID],
        (m) => m.unarchive,
      ),
      delete: sessionLeaf('delete', 'Delete a session and its messages.', [ID], (m) => m.remove),
      instructions: {
        ...sessionLeaf(
          'instructions',
          'Show or set the session instructions (added to the global ones, or replacing them).',
          [ID, { name: 'TEXT', optional: true }],
          (m) => m.instructions,
          {
            replace: {
              type: 'boolean',
              description: 'TEXT replaces the global and persona instructions (default: adds).',
            },
          },
        ),
        details: [
          SESSION_ID_NOTE,
          'Without TEXT the current ones are shown; TEXT "" clears them; "-" reads stdin.',
        ],
      },
    },
  },
  send: {
    kind: 'leaf',
    name: 'send',
    summary: 'Send a message to a session and stream the reply.',
    usage:
      'send ID TEXT [--pattern P] [--uncertainty none|low|medium|high] [--sensitive] [--provider ID] [--attach FILE]...',
    args: [ID, { name: 'TEXT' }],
    options: {
      pattern: {
        type: 'string',
        value: 'P',
        choices: PATTERNS,
        description: `Pattern: ${PATTERNS.join(', ')}.`,
      },
      uncertainty: {
        type: 'string',
        value: 'LEVEL',
        choices: UNCERTAINTY_LEVELS,
        description: `Uncertainty marking: ${UNCERTAINTY_LEVELS.join(', ')}.`,
      },
      sensitive: { type: 'boolean', description: 'Mark the message sensitive.' },
      provider: {
        type: 'string',
        value: 'ID',
        description: 'Provider id (default: the default provider).',
      },
      attach: {
        type: 'string',
        value: 'FILE',
        repeatable: true,
        description: 'Attach a file (image, PDF or text); repeat for more (at most 10).',
      },
      'without-images': {
        type: 'boolean',
        description: 'Keep attached images on the message but do not send them to the model.',
      },
    },
    details: [
      SESSION_ID_NOTE,
      'TEXT "-" reads the message from standard input.',
      'Attachments: PNG, JPEG, WebP, GIF (20 MB each), PDF (50 MB), text files (2 MB), checked by content.',
      'A model known not to read images fails with MODEL_NO_VISION: use --without-images or --provider.',
      "Pattern and uncertainty default to the session's remembered choice, else exploratory and none.",
      'The reply streams to stdout as it arrives; with --json the final message object is printed.',
      'Ctrl-C stops the reply; the part received is kept, marked stopped.',
    ],
    load: async () => (await import('./commands/send')).send,
  },
  ...MESSAGE_COMMANDS,
  search: {
    kind: 'leaf',
    name: 'search',
    summary: 'Full-text search over message content (and session titles).',
    usage: 'search QUERY [--limit N]',
    args: [{ name: 'QUERY', variadic: true }],
    options: {
      limit: { type: 'string', value: 'N', description: 'Most hits to show (1-500, default 20).' },
    },
    details: [
      'Words are all required; a trailing * matches a prefix (reflect*).',
      'Matches are shown in bold on a terminal and in [brackets] otherwise (or when NO_COLOR is set).',
    ],
    load: async () => (await import('./commands/search')).search,
  },
  import: {
    kind: 'leaf',
    name: 'import',
    summary:
      'Import files or folders: ActiveMirror JSON/Markdown, ActiveMirrorOS SDK files and stores, ChatGPT exports.',
    usage: 'import FILE|FOLDER...',
    args: [{ name: 'FILE', variadic: true }],
    options: {},
    details: [
      'The format is detected from the content. A session id that is already stored is skipped.',
      'A folder: an SDK store (index.json + session files) or a folder of session files.',
      'ChatGPT: conversations.json or the export .zip, read as a stream (progress on a terminal).',
      'Good files are imported even when others fail; any failure makes the exit code 1.',
      'Ctrl-C stops the import; sessions already imported stay.',
    ],
    load: async () => (await import('./commands/importCmd')).importFiles,
  },
  export: {
    kind: 'leaf',
    name: 'export',
    summary:
      'Export a session as JSON or Markdown (or either in a zip with its attachments), or every session as one zip.',
    usage:
      'export ID [--format json|markdown|zip|markdown-zip] [--out FILE] | export --all --out FILE.zip',
    args: [{ name: 'ID', optional: true }],
    options: {
      format: {
        type: 'string',
        value: 'json|markdown|zip|markdown-zip',
        choices: ['json', 'markdown', 'zip', 'markdown-zip'],
        description:
          'Export format (default json); zip and markdown-zip hold the attachments too and need --out.',
      },
      out: { type: 'string', value: 'FILE', description: 'Write to FILE instead of stdout.' },
      all: {
        type: 'boolean',
        description: 'Every session as one zip (an SDK store folder); needs --out.',
      },
      'include-sensitive': {
        type: 'boolean',
        description: 'Include sensitive messages (unlocks the vault); default: placeholders.',
      },
    },
    details: [SESSION_ID_NOTE],
    load: async () => (await import('./commands/exportCmd')).exportSession,
  },
  serve: {
    kind: 'leaf',
    name: 'serve',
    summary: 'Run the app in a browser, served on 127.0.0.1 over a local WebSocket.',
    usage: 'serve [--port N]',
    args: [],
    options: {
      port: {
        type: 'string',
        value: 'N',
        description: 'Port on 127.0.0.1 (default 7377; 0 picks a free one).',
      },
      'static-dir': {
        type: 'string',
        value: 'DIR',
        description: 'Built renderer to serve (default out/renderer, from npm run build:web).',
      },
    },
    details: [
      'Prints one line: ActiveMirror running at http://127.0.0.1:<port>/#token=<token>',
      'Open that address in a browser; the token is required. Ctrl-C stops the host.',
    ],
    load: async () => (await import('./commands/serve')).serve,
  },
  vault: vaultCommand,
  memory: memoryCommand,
  backup: backupCommand,
  providers: providersCommand,
  instructions: {
    kind: 'leaf',
    name: 'instructions',
    summary: 'Show or set the instructions sent with every conversation (Settings → Instructions).',
    usage: 'instructions [TEXT]',
    args: [{ name: 'TEXT', optional: true }],
    options: {},
    details: [
      'Without TEXT they are shown; TEXT "" clears them; "-" reads stdin. At most 8000 characters.',
      'A session can add to them or replace them: amos sessions instructions ID TEXT [--replace]',
    ],
    load: async () => (await import('./commands/instructions')).globalInstructions,
  },
  personas: personasCommand,
  folders: foldersCommand,
  encryption: {
    kind: 'group',
    name: 'encryption',
    summary: 'Encrypt all history (sessions and continuity log) with a key the vault opens.',
    subcommands: {
      enable: {
        kind: 'leaf',
        name: 'encryption enable',
        summary: 'Encrypt activemirror.db and continuity.db (needs the vault; SQLite only).',
        usage: 'encryption enable',
        args: [],
        options: {},
        details: [
          'Close the app and other amos commands first: the files are rewritten and swapped.',
          'The vault password comes from AMOS_VAULT_PASSWORD, the keychain or a no-echo prompt.',
        ],
        load: async () => (await import('./commands/encryption')).enable,
      },
      disable: {
        kind: 'leaf',
        name: 'encryption disable',
        summary: 'Decrypt the history again (needs the vault).',
        usage: 'encryption disable',
        args: [],
        options: {},
        load: async () => (await import('./commands/encryption')).disable,
      },
      status: {
        kind: 'leaf',
        name: 'encryption status',
        summary: 'Show whether the history is encrypted (no password needed).',
        usage: 'encryption status',
        args: [],
        options: {},
        load: async () => (await import('./commands/encryption')).status,
      },
    },
  },
  attachments: attachmentsCommand,
  continuity: {
    kind: 'group',
    name: 'continuity',
    summary: 'The tamper-evident continuity log: verify the chain, show the newest entries.',
    subcommands: {
      verify: {
        kind: 'leaf',
        name: 'continuity verify',
        summary: 'Check the whole hash chain; exit 1 naming the first broken entry.',
        usage: 'continuity verify',
        args: [],
        options: {},
        load: async () => (await import('./commands/continuity')).verify,
      },
      log: {
        kind: 'leaf',
        name: 'continuity log',
        summary: 'Show the newest entries of the continuity log.',
        usage: 'continuity log [--limit N]',
        args: [],
        options: {
          limit: {
            type: 'string',
            value: 'N',
            description: 'Entries to show (1-500, default 50).',
          },
        },
        load: async () => (await import('./commands/continuity')).log,
      },
    },
  },
}
