/**
 * `anyTerms` searches (recall) OR their terms. A term found in a large share of all messages
 * says little about a topic, yet scoring every message that holds it is what makes an OR query
 * slow on a big store; so, as long as a rarer term is present, such terms are left out of the
 * query. Every backend applies this same rule, so they return the same hits.
 */

/** A term in more than this share of messages is "common"… */
export const COMMON_TERM_SHARE = 0.02
/** …provided it is also in more than this many (small stores keep every term). */
export const COMMON_TERM_MIN_DOCS = 2_000

/**
 * Which terms to search, given how many messages hold each (`docs[i]`) out of `total`: all of
 * them, minus the common ones when at least one present term is not common.
 */
export function selectAnyTerms(docs: readonly number[], total: number): boolean[] {
  const cap = Math.max(COMMON_TERM_MIN_DOCS, total * COMMON_TERM_SHARE)
  const hasSelective = docs.some((n) => n > 0 && n <= cap)
  return docs.map((n) => !hasSelective || n <= cap)
}
