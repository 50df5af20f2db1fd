import type { Element, ElementContent } from 'hast'

export function classesOf(node: Element): string[] {
  const classes = node.properties['className']
  return Array.isArray(classes) ? classes.map(String) : []
}

/** remark-math's formulas (and ```math fences) are `code.language-math`. */
export function isMathCode(node: ElementContent): boolean {
  return (
    node.type === 'element' && node.tagName === 'code' && classesOf(node).includes('language-math')
  )
}

/** A display formula: `pre > code.language-math`; returns the code element. */
export function displayMathCode(node: ElementContent): Element | undefined {
  if (node.type !== 'element' || node.tagName !== 'pre') return undefined
  return node.children.find((c): c is Element => isMathCode(c))
}

/** The text a hast node holds, as written (no whitespace folding). */
export function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}
