import type { Element, ElementContent } from 'hast'

/** The text a hast node holds, as written (no whitespace folding). */
export function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}
