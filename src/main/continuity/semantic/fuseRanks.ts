/**
 * Reciprocal rank fusion: each ranked list gives an item 1 / (K + rank), rank from 1; the sums
 * order the union. It needs no common scale between bm25 scores and cosine similarities, and an
 * item near the top of both lists beats one at the top of only one. K = 60 is the usual value
 * (Cormack, Clarke & Büttcher, SIGIR 2009): it keeps a single first place from dominating.
 */
export const RRF_K = 60

export function fuseRanks(lists: ReadonlyArray<readonly string[]>, k = RRF_K): Map<string, number> {
  const scores = new Map<string, number>()
  for (const list of lists) {
    list.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)))
  }
  return scores
}

/** Cosine similarity of two vectors of the same length (0 when either is all zeros). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    dot += x * y
    na += x * x
    nb += y * y
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}
