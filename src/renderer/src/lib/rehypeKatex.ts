import type { ElementContent, Root, RootContent } from 'hast'
import { fromDom } from 'hast-util-from-dom'
import katex from 'katex'
import { displayMathCode, isMathCode, textOf } from './hastNodes'

const OPTIONS = {
  // \href, \url, \includegraphics and the \html… commands stay off.
  trust: false,
  strict: 'ignore',
  throwOnError: false,
  output: 'htmlAndMathml',
} as const

/**
 * KaTeX builds DOM nodes and styles them through the CSSOM; hast is read back from those nodes.
 * KaTeX's HTML string would have to be parsed, and parsing its style attributes is exactly what
 * the app's CSP (no 'unsafe-inline' styles) blocks and reports.
 */
function typeset(tex: string, displayMode: boolean): ElementContent[] {
  const holder = document.createElement('span')
  try {
    katex.render(tex, holder, { ...OPTIONS, displayMode })
  } catch (error) {
    return [
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['katex-error'], title: String(error) },
        children: [{ type: 'text', value: tex }],
      },
    ]
  }
  const tree = fromDom(holder)
  return tree.type === 'element' ? tree.children : []
}

function expand<C extends RootContent>(children: C[]): Array<C | ElementContent> {
  const out: Array<C | ElementContent> = []
  for (const child of children) {
    if (child.type !== 'element') {
      out.push(child)
      continue
    }
    const display = displayMathCode(child)
    if (display) out.push(...typeset(textOf(display), true))
    else if (isMathCode(child)) out.push(...typeset(textOf(child), false))
    else {
      child.children = expand(child.children)
      out.push(child)
    }
  }
  return out
}

/** Rehype plugin: `$$` blocks, ```math fences and inline `$$…$$` typeset by KaTeX. */
export function rehypeKatex() {
  return (tree: Root) => {
    tree.children = expand(tree.children)
  }
}
