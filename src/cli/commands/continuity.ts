import type { ContinuityEntry } from '../../shared/continuity'
import { usageError } from '../args'
import type { CommandRun } from '../context'
import { EXIT_FAILURE, EXIT_OK } from '../errors'
import { printJson, shortTime, table } from '../output'

/** `amos continuity verify`: exit 0 when the whole chain holds, 1 naming the first broken entry. */
export const verify: CommandRun = async (ctx) => {
  const result = await (await ctx.mirror()).continuity.log.verify()
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, result)
    return result.ok ? EXIT_OK : EXIT_FAILURE
  }
  if (result.ok) {
    ctx.io.stdout.write(
      `Chain intact (${result.count} ${result.count === 1 ? 'entry' : 'entries'}).` +
        (result.headHash ? ` Head ${result.headHash}\n` : '\n'),
    )
    return EXIT_OK
  }
  const broken = result.firstBroken
  ctx.io.stderr.write(
    `CONTINUITY_BROKEN: entry ${broken?.seq ?? '?'} of ${result.count}: ${broken?.reason ?? 'unknown'}\n`,
  )
  return EXIT_FAILURE
}

function parseLimit(raw: unknown): number {
  if (raw === undefined) return 50
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw usageError('--limit must be a whole number from 1 to 500.')
  }
  return n
}

const describe = (entry: ContinuityEntry): string =>
  Object.entries(entry.data)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')

/** `amos continuity log [--limit N]`: the newest entries first. */
export const log: CommandRun = async (ctx) => {
  const page = await (
    await ctx.mirror()
  ).continuity.log.list({ limit: parseLimit(ctx.flags.limit) })
  if (ctx.globals.json) {
    printJson(ctx.io.stdout, page.items)
    return EXIT_OK
  }
  if (page.items.length === 0) {
    ctx.io.stdout.write('The continuity log is empty.\n')
    return EXIT_OK
  }
  const rows = page.items.map((e) => [
    `#${e.seq}`,
    shortTime(e.at),
    e.type,
    e.subject ?? '-',
    describe(e),
  ])
  ctx.io.stdout.write(`${table(rows)}\n`)
  return EXIT_OK
}
