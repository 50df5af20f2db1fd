import type { GroupCommand } from './commandTable'

export const attachmentsCommand: GroupCommand = {
  kind: 'group',
  name: 'attachments',
  summary: 'Files attached to messages: save one to a file.',
  subcommands: {
    get: {
      kind: 'leaf',
      name: 'attachments get',
      summary: 'Write an attachment (by its id, as `--json` messages list it) to FILE.',
      usage: 'attachments get ATTACHMENT_ID --out FILE',
      args: [{ name: 'ATTACHMENT_ID' }],
      options: {
        out: { type: 'string', value: 'FILE', description: 'Where to write the file (required).' },
      },
      details: [
        'A sensitive message’s file is sealed by the vault, which this unlocks (AMOS_VAULT_PASSWORD,',
        'the key remembered in the OS keychain, or a prompt on a terminal).',
      ],
      load: async () => (await import('./commands/attachments')).get,
    },
  },
}
