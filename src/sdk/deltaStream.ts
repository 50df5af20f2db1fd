/**
 * A reply's text pieces as an async iterable. Pieces are kept until the reply ends, so a caller
 * that starts iterating late (after awaiting something else) still gets every piece from the
 * first, and several iterations each see the whole reply.
 */
export class DeltaStream implements AsyncIterable<string> {
  private readonly pieces: string[] = []
  private ended = false
  private readonly waiting = new Set<() => void>()

  push(piece: string): void {
    if (this.ended) return
    this.pieces.push(piece)
    this.wake()
  }

  end(): void {
    this.ended = true
    this.wake()
  }

  private wake(): void {
    for (const resume of [...this.waiting]) resume()
    this.waiting.clear()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    let next = 0
    for (;;) {
      while (next < this.pieces.length) yield this.pieces[next++]!
      if (this.ended) return
      await new Promise<void>((resume) => this.waiting.add(resume))
    }
  }
}
