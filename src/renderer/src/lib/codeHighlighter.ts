import type { Root } from 'hast'

type Highlighter = (tree: Root) => void

let highlighter: Highlighter | null = null
let loading: Promise<void> | null = null
const listeners = new Set<() => void>()

/** A fenced or indented code block: the only reason to fetch the grammars at all. */
const CODE_BLOCK = /(^|\n)(```|~~~)|(^|\n)( {4}|\t)\S/

export function needsHighlighter(text: string): boolean {
  return CODE_BLOCK.test(text)
}

/** The rehype transformer once loaded, else null (code shows plain until then). */
export function currentHighlighter(): Highlighter | null {
  return highlighter
}

/**
 * Loads rehype-highlight and its ~40 grammars on first need, as their own chunk: most
 * conversations hold no code, and the grammars were a third of the app's script. Subscribers
 * hear once it is ready, so what was rendered plain can render again, highlighted.
 */
export function loadHighlighter(): Promise<void> {
  loading ??= import('rehype-highlight')
    .then(({ default: rehypeHighlight }) => {
      // One stateless instance: attaching the plugin registers every grammar again.
      highlighter = rehypeHighlight() as Highlighter
      for (const listener of listeners) listener()
    })
    // A chunk that cannot load leaves code plain; it is not worth an error in front of the user.
    .catch(() => undefined)
  return loading
}

export function onHighlighterReady(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
