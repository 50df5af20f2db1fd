export type SniffedKind = 'empty' | 'zip' | 'binary' | 'jsonList' | 'text'

const ZIP_SIGNATURES = ['PK\u0003\u0004', 'PK\u0005\u0006']
const BOM = [0xef, 0xbb, 0xbf]

/** Offset of the first byte that is not a BOM or JSON whitespace, or -1. */
function firstSignificant(head: Buffer): number {
  let i = BOM.every((b, k) => head[k] === b) ? 3 : 0
  for (; i < head.length; i++) {
    const c = head[i]
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i
  }
  return -1
}

function isBinary(head: Buffer): boolean {
  if (head.includes(0)) return true
  try {
    // stream: true tolerates a character cut in half at the end of the head.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true })
    return false
  } catch {
    return true
  }
}

/**
 * What a file is, from its first bytes (never its name): a zip, something binary, a JSON list
 * (streamed: ChatGPT's conversations.json), or text (a session JSON object or Markdown, read whole).
 */
export function sniff(head: Buffer): SniffedKind {
  const latin = head.subarray(0, 4).toString('latin1')
  if (ZIP_SIGNATURES.includes(latin)) return 'zip'
  if (isBinary(head)) return 'binary'
  const at = firstSignificant(head)
  if (at < 0) return 'empty'
  return head[at] === 0x5b ? 'jsonList' : 'text'
}
