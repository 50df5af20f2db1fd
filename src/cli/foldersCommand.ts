import type { ArgSpec } from './args'
import type { GroupCommand, LeafCommand } from './commandTable'
import type { CommandRun } from './context'

const commands = () => import('./commands/folders')
type Module = Awaited<ReturnType<typeof commands>>

/** `--help` line for arguments that name a folder. */
export const FOLDER_NOTE =
  'FOLDER is a folder name (any case) or id; an id may be shortened to its start.'

const FOLDER: ArgSpec = { name: 'FOLDER' }
const NAME: ArgSpec = { name: 'NAME' }

function leaf(
  name: string,
  summary: string,
  args: ArgSpec[],
  pick: (m: Module) => CommandRun,
): LeafCommand {
  return {
    kind: 'leaf',
    name: `folders ${name}`,
    summary,
    usage: ['folders', name, ...args.map((a) => a.name)].join(' '),
    args,
    options: {},
    ...(args.includes(FOLDER) ? { details: [FOLDER_NOTE] } : {}),
    load: async () => pick(await commands()),
  }
}

export const foldersCommand: GroupCommand = {
  kind: 'group',
  name: 'folders',
  summary: 'Folders to file sessions in: list, create, rename, delete.',
  subcommands: {
    list: leaf('list', 'List folders by name.', [], (m) => m.list),
    create: leaf(
      'create',
      'Create a folder (names are unique, ignoring case).',
      [NAME],
      (m) => m.create,
    ),
    rename: leaf('rename', 'Rename a folder.', [FOLDER, NAME], (m) => m.rename),
    delete: leaf(
      'delete',
      'Delete a folder; its sessions are kept, in no folder.',
      [FOLDER],
      (m) => m.remove,
    ),
  },
}
