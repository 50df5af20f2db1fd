const OPEN_LIST = 0x5b
const CLOSE_LIST = 0x5d
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const BOM = [0xef, 0xbb, 0xbf]

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09

type State = 'start' | 'value' | 'item' | 'after' | 'done'

/**
 * Cuts the bytes of a top-level JSON list into the texts of its items, fed one chunk at a time,
 * so each item can go to the native `JSON.parse` (several times faster than a streaming parser)
 * while memory holds one chunk and one item. Only the list's own structure is checked here (an
 * item's inside is left to JSON.parse); a structural error throws an Error naming the byte.
 * UTF-8 is safe to scan byte by byte: every byte of a multi-byte character is ≥ 0x80.
 */
export class JsonListSplitter {
  private state: State = 'start'
  private depth = 0
  private inString = false
  private escaped = false
  private pieces: Buffer[] = []
  private offset = 0
  /** Items begun so far (an empty list may close at once, a list after a comma may not). */
  private count = 0

  /** The items completed by `chunk`, as text. */
  push(chunk: Buffer): string[] {
    const items: string[] = []
    let from = 0
    let i = 0
    for (; i < chunk.length; i++) {
      const c = chunk[i]!
      switch (this.state) {
        case 'item':
          if (this.inString) {
            i = this.skipString(chunk, i)
            continue
          }
          if (this.depth === 0) {
            // A scalar item ends at the first byte that cannot belong to it.
            if (c === COMMA || c === CLOSE_LIST || isSpace(c)) {
              items.push(this.take(chunk, from, i))
              this.state = 'after'
              i -= 1
            }
            continue
          }
          if (c === QUOTE) this.inString = true
          else if (c === OPEN_OBJECT || c === OPEN_LIST) this.depth += 1
          else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
            this.depth -= 1
            if (this.depth === 0) {
              items.push(this.take(chunk, from, i + 1))
              this.state = 'after'
            }
          }
          continue
        case 'start':
          if (isSpace(c) || c === BOM[this.offset + i]) continue
          if (c !== OPEN_LIST) throw this.unexpected(c, i)
          this.state = 'value'
          continue
        case 'value':
        case 'after':
          if (isSpace(c)) continue
          if (this.state === 'after' && c === COMMA) {
            this.state = 'value'
            continue
          }
          if (c === CLOSE_LIST && (this.state === 'after' || this.count === 0)) {
            this.state = 'done'
            continue
          }
          if (this.state === 'after' || c === COMMA || c === CLOSE_LIST) {
            throw this.unexpected(c, i)
          }
          this.state = 'item'
          this.count += 1
          from = i
          this.depth = c === OPEN_OBJECT || c === OPEN_LIST ? 1 : 0
          this.inString = c === QUOTE
          if (this.inString) this.depth = 0
          continue
        case 'done':
          if (!isSpace(c)) throw this.unexpected(c, i)
          continue
      }
    }
    if (this.state === 'item') this.pieces.push(chunk.subarray(from))
    this.offset += chunk.length
    return items
  }

  /**
   * Inside a string, from byte `i`: finds its closing quote with indexOf (most of an export's
   * bytes are string contents, so this is most of the scan) and returns that quote's index,
   * or the last index of the chunk when the string goes on into the next one.
   */
  private skipString(chunk: Buffer, i: number): number {
    let from = i
    if (this.escaped) {
      // The chunk before ended in an odd run of backslashes: this byte is escaped.
      this.escaped = false
      from = i + 1
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE, from)
      const end = quote === -1 ? chunk.length : quote
      let backslashes = 0
      while (end - backslashes - 1 >= from && chunk[end - backslashes - 1] === BACKSLASH) {
        backslashes += 1
      }
      if (quote === -1) {
        this.escaped = backslashes % 2 === 1
        return chunk.length - 1
      }
      if (backslashes % 2 === 0) {
        this.inString = false
        return quote
      }
      from = quote + 1
    }
  }

  /** Throws unless the list was closed. */
  end(): void {
    if (this.state !== 'done') throw new Error(`the list is not closed at byte ${this.offset}`)
  }

  private take(chunk: Buffer, from: number, to: number): string {
    const last = chunk.subarray(from, to)
    const text =
      this.pieces.length === 0
        ? last.toString('utf8')
        : Buffer.concat([...this.pieces, last]).toString('utf8')
    this.pieces = []
    return text
  }

  private unexpected(c: number, i: number): Error {
    return new Error(
      `unexpected ${JSON.stringify(String.fromCharCode(c))} at byte ${this.offset + i}`,
    )
  }
}
