import { usageError } from '../args'
import type { CommandRun } from '../context'
import { EXIT_OK } from '../errors'
import { highlightStyle, renderSnippet, snippetRanges } from '../highlight'
import { printJson, shortTime, table } from '../output'

function parseLimit(raw: unknown): number {
  if (raw === undefined) return 20
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 500)
    throw usageError('--limit must be a whole number from 1 to 500.')
  return n
}

export const search: CommandRun = async (ctx) => {
  const query = ctx.args.join(' ').trim()
  if (query.length === 0) throw usageError('The search query is empty.')
  const limit = parseLimit(ctx.flags.limit)
  const { sessions, hits } = await (await ctx.mirror()).sessions.search(query, { limit })

  if (ctx.globals.json) {
    printJson(ctx.io.stdout, [
      ...sessions.map((s) => ({
        kind: 'title' as const,
        sessionId: s.id,
        sessionTitle: s.title,
        messageId: null,
        role: null,
        createdAt: s.updatedAt,
        snippet: s.title,
        highlights: [],
      })),
      ...hits.map((h) => {
        const { text, highlights } = snippetRanges(h.snippet)
        return { kind: 'message' as const, ...h, snippet: text, highlights }
      }),
    ])
    return EXIT_OK
  }

  const out = ctx.io.stdout
  if (sessions.length === 0 && hits.length === 0) {
    out.write('No matches.\n')
    return EXIT_OK
  }
  if (sessions.length > 0) {
    out.write(
      `Sessions with a matching title:\n${table(sessions.map((s) => ['  ' + s.id, s.title]))}\n`,
    )
  }
  if (hits.length > 0) {
    if (sessions.length > 0) out.write('\n')
    out.write('Messages:\n')
    const style = highlightStyle(out.isTTY, ctx.io.env)
    for (const h of hits) {
      out.write(`  ${h.sessionTitle} · ${h.sessionId} · ${h.role} · ${shortTime(h.createdAt)}\n`)
      out.write(`    ${renderSnippet(h.snippet, style)}\n`)
    }
  }
  return EXIT_OK
}
