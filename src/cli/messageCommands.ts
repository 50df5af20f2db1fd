import type { ArgSpec, OptionSpecs } from './args'
import type { CommandRun } from './context'
import type { Command, LeafCommand } from './commandTable'
import { PATTERN_INFO, UNCERTAINTY_LABELS } from '../shared/patterns'
import { MESSAGE_ID_NOTE, SESSION_ID_NOTE } from './idNotes'

const PATTERNS = Object.keys(PATTERN_INFO)
const UNCERTAINTY_LEVELS = Object.keys(UNCERTAINTY_LABELS)
const MESSAGE_ID: ArgSpec = { name: 'MESSAGE_ID' }

const commands = () => import('./commands/messages')

/** This turn's options for edit and regenerate. */
const TURN_OPTIONS: OptionSpecs = {
  pattern: {
    type: 'string',
    value: 'P',
    choices: PATTERNS,
    description: `Pattern for this reply: ${PATTERNS.join(', ')}.`,
  },
  uncertainty: {
    type: 'string',
    value: 'U',
    choices: UNCERTAINTY_LEVELS,
    description: `Uncertainty marking for this reply: ${UNCERTAINTY_LEVELS.join(', ')}.`,
  },
  provider: {
    type: 'string',
    value: 'ID',
    description: "Provider for this reply (default: the session's, else the default).",
  },
}

function leaf(
  name: string,
  summary: string,
  usage: string,
  args: readonly ArgSpec[],
  pick: (m: Awaited<ReturnType<typeof commands>>) => CommandRun,
  extra: { options?: OptionSpecs; details?: readonly string[] } = {},
): LeafCommand {
  const idNotes = args.flatMap((a) =>
    a.name === 'MESSAGE_ID' ? [MESSAGE_ID_NOTE] : a.name === 'SESSION_ID' ? [SESSION_ID_NOTE] : [],
  )
  const details = [...idNotes, ...(extra.details ?? [])]
  return {
    kind: 'leaf',
    name,
    summary,
    usage,
    args,
    options: extra.options ?? {},
    ...(details.length > 0 ? { details } : {}),
    load: async () => pick(await commands()),
  }
}

const STREAMS = [
  'The reply streams to stdout as it arrives; with --json the final message object is printed.',
  'Ctrl-C stops the reply; the part received is kept, marked stopped.',
]

/** Actions on one message of the tree (docs/cli.md "Message versions"). */
export const MESSAGE_COMMANDS: Record<string, Command> = {
  edit: leaf(
    'edit',
    'Make a new version of one of your messages and stream a new reply to it.',
    'edit MESSAGE_ID TEXT [--pattern P] [--uncertainty U] [--provider ID]',
    [MESSAGE_ID, { name: 'TEXT' }],
    (m) => m.edit,
    {
      options: TURN_OPTIONS,
      details: [
        'The old version and the replies below it stay (see amos versions).',
        'TEXT "-" reads the new text from standard input.',
        ...STREAMS,
      ],
    },
  ),
  regenerate: leaf(
    'regenerate',
    'Stream a new version of the last reply of a session.',
    'regenerate SESSION_ID [--pattern P] [--uncertainty U] [--provider ID]',
    [{ name: 'SESSION_ID' }],
    (m) => m.regenerate,
    {
      options: TURN_OPTIONS,
      details: [
        'Works on failed and stopped replies too (Retry). The old reply stays as a version.',
        ...STREAMS,
      ],
    },
  ),
  versions: leaf(
    'versions',
    'List a message and its other versions, oldest first; * marks the current one.',
    'versions MESSAGE_ID',
    [MESSAGE_ID],
    (m) => m.versions,
    { details: ['With --json: an array of messages, each with "current": true or false.'] },
  ),
  switch: leaf(
    'switch',
    'Make a version current (the conversation below it comes back with it).',
    'switch MESSAGE_ID',
    [MESSAGE_ID],
    (m) => m.switchTo,
  ),
  branch: leaf(
    'branch',
    'Copy the conversation up to a message into a new session "<title> (branch)".',
    'branch MESSAGE_ID',
    [MESSAGE_ID],
    (m) => m.branch,
  ),
  messages: {
    kind: 'group',
    name: 'messages',
    summary: 'Act on one message: delete it with everything below it.',
    subcommands: {
      delete: leaf(
        'messages delete',
        'Delete a message and everything below it, on every version below it.',
        'messages delete MESSAGE_ID',
        [MESSAGE_ID],
        (m) => m.remove,
        { details: ['The command line has no Undo; the app offers one for a few minutes.'] },
      ),
    },
  },
}
