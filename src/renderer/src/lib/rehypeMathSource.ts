import type { Element, ElementContent, Root } from 'hast'
import { textOf } from './hastText'

function classesOf(node: Element): string[] {
  const classes = node.properties['className']
  return Array.isArray(classes) ? classes.map(String) : []
}

function mathCode(node: ElementContent): Element | null {
  if (node.type !== 'element' || node.tagName !== 'code') return null
  return classesOf(node).includes('language-math') ? node : null
}

/** A display formula: `pre > code.language-math` (from `$$` blocks and ```math fences). */
function displayMath(node: ElementContent): Element | null {
  if (node.type !== 'element' || node.tagName !== 'pre') return null
  return node.children.map(mathCode).find((c) => c !== null) ?? null
}

function wrap(parent: Element | Root): void {
  parent.children = parent.children.map((child) => {
    if (child.type !== 'element') return child
    const display = displayMath(child)
    if (display) {
      return {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['math-block'], dataSource: textOf(display) },
        children: [child],
      }
    }
    const inline = mathCode(child)
    if (inline) {
      return {
        type: 'element',
        tagName: 'span',
        properties: { className: ['formula-inline'], title: textOf(inline) },
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
