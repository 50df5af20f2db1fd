/** 950 → "950", 8192 → "8.2k", 128000 → "128k", 1047576 → "1M". */
export function formatTokens(n: number): string {
  if (n < 1_000) return String(n)
  if (n < 1_000_000) return `${Number((n / 1_000).toFixed(n < 10_000 ? 1 : 0))}k`
  return `${Number((n / 1_000_000).toFixed(1))}M`
}
