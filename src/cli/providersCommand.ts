import type { ArgSpec, OptionSpecs } from './args'
import type { GroupCommand, LeafCommand } from './commandTable'
import type { CommandRun } from './context'

// Literal lists rather than the zod schemas: `amos --help` must not load zod.
const KINDS = ['openai', 'anthropic', 'ollama', 'openai-compatible']
const ID: ArgSpec = { name: 'ID' }
const commands = () => import('./commands/providers')
type Module = Awaited<ReturnType<typeof commands>>

function leaf(
  name: string,
  summary: string,
  pick: (m: Module) => CommandRun,
  extra: { args?: ArgSpec[]; options?: OptionSpecs; usage?: string; details?: string[] } = {},
): LeafCommand {
  const args = extra.args ?? [ID]
  return {
    kind: 'leaf',
    name: `providers ${name}`,
    summary,
    usage: extra.usage ?? ['providers', name, ...args.map((a) => a.name)].join(' '),
    args,
    options: extra.options ?? {},
    ...(extra.details ? { details: extra.details } : {}),
    load: async () => pick(await commands()),
  }
}

export const providersCommand: GroupCommand = {
  kind: 'group',
  name: 'providers',
  summary: 'AI providers: OpenAI, Anthropic, Ollama and OpenAI-compatible servers.',
  subcommands: {
    list: leaf('list', 'List providers; * marks the default.', (m) => m.list, { args: [] }),
    add: leaf('add', 'Add a provider.', (m) => m.add, {
      usage:
        'providers add ID --type openai|anthropic|ollama|openai-compatible [--base-url URL] [--model M]',
      options: {
        type: { type: 'string', value: 'TYPE', choices: KINDS, description: 'Kind of provider.' },
        'base-url': {
          type: 'string',
          value: 'URL',
          description:
            'Server address (required for openai-compatible, e.g. http://127.0.0.1:1234/v1).',
        },
        model: {
          type: 'string',
          value: 'M',
          description: 'Model (default: gpt-4o-mini, claude-sonnet-4-5, llama3.2).',
        },
        label: {
          type: 'string',
          value: 'NAME',
          description: 'Name shown in the app (default: ID).',
        },
        'context-window': {
          type: 'string',
          value: 'N',
          description: "Tokens the model accepts (default: the model's known window).",
        },
        'embedding-model': {
          type: 'string',
          value: 'M',
          description:
            'Embedding model for semantic recall (default: text-embedding-3-small, nomic-embed-text; none for Anthropic).',
        },
      },
      details: [
        'ID: 1-40 lowercase letters, digits, "-" or "_". Add the key with: amos providers set-key ID',
      ],
    }),
    'set-key': leaf(
      'set-key',
      'Store the API key in the OS keychain, read from stdin.',
      (m) => m.setKey,
      {
        details: [
          'The key is read from standard input (typed without echo on a terminal), never from',
          'the command line. Example: amos providers set-key openai < key.txt',
          'Without a keychain (no Secret Service) nothing is stored: KEYCHAIN_UNAVAILABLE.',
        ],
      },
    ),
    'clear-key': leaf('clear-key', 'Remove the API key from the OS keychain.', (m) => m.clearKey),
    use: leaf(
      'use',
      'Make a provider the default ("offline" for the offline engine).',
      (m) => m.use,
    ),
    remove: leaf('remove', 'Remove a provider and its key.', (m) => m.remove),
    models: leaf('models', 'List the models the provider offers.', (m) => m.models),
    test: leaf('test', 'Test the connection and the key (costs no tokens).', (m) => m.test),
  },
}
