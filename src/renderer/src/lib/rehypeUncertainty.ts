import type { Element, ElementContent, Root, RootContent } from 'hast'
import { LEVEL_HINTS, splitMarkers } from './uncertainty'
import type { MarkedLevel } from './uncertainty'

/** Built as hast nodes (never HTML strings): the same element UncertaintyBadge renders. */
function badge(level: MarkedLevel): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: {
      className: ['uncertainty-badge', `uncertainty-${level}`],
      role: 'img',
      ariaLabel: `uncertainty: ${level}`,
      title: LEVEL_HINTS[level],
    },
    children: [{ type: 'text', value: level }],
  }
}

function transform(children: Array<RootContent | ElementContent>): ElementContent[] {
  const out: ElementContent[] = []
  for (const child of children) {
    if (child.type === 'text') {
      for (const part of splitMarkers(child.value)) {
        out.push(part.level ? badge(part.level) : { type: 'text', value: part.text })
      }
    } else if (child.type === 'element') {
      // Markers inside code are shown as written: the user may be quoting them.
      if (child.tagName !== 'code' && child.tagName !== 'pre')
        child.children = transform(child.children)
      out.push(child)
    } else if (child.type !== 'doctype') {
      out.push(child)
    }
  }
  return out
}

/** Rehype plugin: uncertainty markers in reply text become labelled badges. */
export function rehypeUncertainty() {
  return (tree: Root) => {
    tree.children = transform(tree.children)
  }
}
