import type { GroupCommand } from './commandTable'

const commands = () => import('./commands/backup')

export const backupCommand: GroupCommand = {
  kind: 'group',
  name: 'backup',
  summary: 'Encrypted backups of everything: sessions, vault, continuity log, identity, settings.',
  subcommands: {
    create: {
      kind: 'leaf',
      name: 'backup create',
      summary: 'Write a full encrypted backup (never API keys).',
      usage: 'backup create [--out FILE]',
      args: [],
      options: {
        out: {
          type: 'string',
          value: 'FILE',
          description: 'Where to write it (default: the backup folder of Settings, else here).',
        },
      },
      details: [
        'The vault password of today opens the backup. Unlocks the vault with AMOS_VAULT_PASSWORD,',
        'else the key remembered in the OS keychain, else by asking on a terminal.',
      ],
      load: async () => (await commands()).create,
    },
    restore: {
      kind: 'leaf',
      name: 'backup restore',
      summary: 'Restore a backup into an empty data dir, or merge it by ids.',
      usage: 'backup restore FILE [--dry-run]',
      args: [{ name: 'FILE' }],
      options: {
        'dry-run': {
          type: 'boolean',
          description: 'Check the whole file and print the counts; write nothing.',
        },
      },
      details: [
        "The backup's password comes from AMOS_VAULT_BACKUP_PASSWORD, else AMOS_VAULT_PASSWORD,",
        'else a prompt. Nothing is written unless the whole file checks out. What is already',
        'here is kept (vault entries: the newer wins); what is missing is added.',
      ],
      load: async () => (await commands()).restore,
    },
  },
}
