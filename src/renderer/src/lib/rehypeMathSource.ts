import type { Element, Root } from 'hast'
import { displayMathCode, isMathCode, textOf } from './hastNodes'

function wrap(parent: Element | Root): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child
    const display = displayMathCode(child)
    if (display) {
      return {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['math-block'], dataSource: textOf(display) },
        children: [child],
      }
    }
    if (isMathCode(child)) {
      return {
        type: 'element',
        tagName: 'span',
        properties: { className: ['formula-inline'], title: textOf(child) },
        children: [child],
      }
    }
    wrap(child)
    return child
  })
}

/**
 * Rehype plugin, run before KaTeX: each formula gets a wrapper that keeps its TeX source, so
 * the source stays one click (display) or one hover (inline) away once KaTeX has replaced it.
 */
export function rehypeMathSource() {
  return (tree: Root) => wrap(tree)
}
