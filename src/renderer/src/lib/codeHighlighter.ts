import type { Root } from 'hast'
import { lazyPlugin } from './lazyPlugin'

type Highlighter = (tree: Root) => void

/** A fenced or indented code block: the only reason to fetch the grammars at all. */
const CODE_BLOCK = /(^|\n)(```|~~~)|(^|\n)( {4}|\t)\S/

export function needsHighlighter(text: string): boolean {
  return CODE_BLOCK.test(text)
}

/** rehype-highlight and its ~40 grammars: a third of the app's script before it was split off. */
const highlighter = lazyPlugin(() =>
  // One stateless instance: attaching the plugin registers every grammar again.
  import('rehype-highlight').then(
    ({ default: rehypeHighlight }) => rehypeHighlight() as Highlighter,
  ),
)

/** The rehype transformer once loaded, else null (code shows plain until then). */
export const currentHighlighter = highlighter.current
export const loadHighlighter = highlighter.load
export const onHighlighterReady = highlighter.onReady
