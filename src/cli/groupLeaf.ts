import type { ArgSpec, OptionSpecs } from './args'
import type { LeafCommand } from './commandTable'
import type { CommandRun } from './context'

export interface LeafExtra {
  args?: ArgSpec[]
  options?: OptionSpecs
  /** Default: the group, the name and the argument names. */
  usage?: string
  details?: readonly string[]
}

/**
 * The leaf factory of a command group (`vault`, `memory`): each leaf's run is picked from the
 * group's commands module, loaded only when the command runs.
 */
export function groupLeaf<M>(group: string, load: () => Promise<M>) {
  return (
    name: string,
    summary: string,
    pick: (m: M) => CommandRun,
    extra: LeafExtra = {},
  ): LeafCommand => {
    const args = extra.args ?? []
    return {
      kind: 'leaf',
      name: `${group} ${name}`,
      summary,
      usage: extra.usage ?? [group, name, ...args.map((a) => a.name)].join(' '),
      args,
      options: extra.options ?? {},
      ...(extra.details ? { details: extra.details } : {}),
      load: async () => pick(await load()),
    }
  }
}
