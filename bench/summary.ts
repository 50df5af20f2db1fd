/**
 * The closing table of `npm run bench`: one line per figure, with the app's value beside a raw
 * baseline measured in the same run, their ratio, the target and whether it was met. Each bench
 * prints its own details as it goes and reports its headline figures here; run.ts prints the
 * table once every selected bench has run.
 */
export interface SummaryLine {
  figure: string
  app: string
  raw: string
  /**
   * app ÷ raw (for throughputs: raw ÷ app, so that above 1 always means the app is slower);
   * null with raw '—' for a figure that has no raw counterpart (the longest lock an import holds).
   */
  ratio: number | null
  target: string
  met: boolean
}

const lines: SummaryLine[] = []

export function report(line: SummaryLine): void {
  lines.push(line)
  if (!line.met) process.exitCode = 1
}

export const ms = (value: number, digits = 1): string => `${value.toFixed(digits)} ms`
export const micros = (valueMs: number): string => `${(valueMs * 1000).toFixed(1)} µs`

/** Prints the table; returns how many lines missed their target. */
export function printSummary(): number {
  if (lines.length === 0) return 0
  const rows = [
    ['figure', 'app', 'raw baseline', 'ratio', 'target', ''],
    ...lines.map((l) => [
      l.figure,
      l.app,
      l.raw,
      l.ratio === null ? '—' : `${l.ratio.toFixed(2)}×`,
      l.target,
      l.met ? 'MET' : 'MISSED',
    ]),
  ]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  console.log('\n== summary ==')
  rows.forEach((row, i) => {
    console.log(
      row
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '))
  })
  const missed = lines.filter((l) => !l.met).length
  console.log(
    missed === 0
      ? `all ${lines.length} figures MET`
      : `${missed} of ${lines.length} figures MISSED`,
  )
  return missed
}
