import type { Mermaid } from 'mermaid'
import { drawWithCssom, dropSheet } from './cspSafeRender'
import type { DiagramTheme } from './diagramTheme'

export interface RenderedDiagram {
  svg: SVGSVGElement
  /** The diagram's rules, adopted by the document; drop it with releaseDiagram. */
  sheet: CSSStyleSheet
}

interface Drawing {
  svg: SVGSVGElement
  css: string
}

let mermaid: Promise<Mermaid> | null = null
let queue: Promise<unknown> = Promise.resolve()
let counter = 0
/** Drawings by source and theme: a virtualized list mounts the same diagram again on scroll. */
const CACHE_SIZE = 50
const drawings = new Map<string, Promise<Drawing>>()

/** Mermaid (several MB with its layouts) is fetched as its own chunk by the first diagram. */
function loadMermaid(): Promise<Mermaid> {
  mermaid ??= import('mermaid').then(({ default: m }) => m)
  return mermaid
}

/**
 * Draws a diagram and returns a copy of its SVG, ready to insert, with its own stylesheet.
 * Drawings run one at a time: Mermaid's configuration is global, and drawWithCssom patches the
 * DOM while one runs.
 */
export async function renderDiagram(source: string, theme: DiagramTheme): Promise<RenderedDiagram> {
  const key = JSON.stringify([source, theme])
  let drawing = drawings.get(key)
  if (!drawing) {
    drawing = queue.then(() => draw(source, theme))
    queue = drawing.catch(() => undefined)
    drawings.set(key, drawing)
    drawing.catch(() => drawings.delete(key))
    if (drawings.size > CACHE_SIZE) drawings.delete(drawings.keys().next().value as string)
  }
  const { svg, css } = await drawing
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  // A clone carries the style attributes without the CSP checking them again.
  return { svg: svg.cloneNode(true) as SVGSVGElement, sheet }
}

export function releaseDiagram(diagram: RenderedDiagram): void {
  dropSheet(diagram.sheet)
}

async function draw(source: string, theme: DiagramTheme): Promise<Drawing> {
  const m = await loadMermaid()
  m.initialize({
    startOnLoad: false,
    // 'loose' only skips Mermaid's final pass of DOMPurify over the SVG *as a string*: parsing
    // it again makes the CSP report every style attribute. The SVG is sanitized below instead,
    // as nodes, and cloned, which leaves behind any listener a `click` line attached.
    securityLevel: 'loose',
    // Labels as SVG text, not HTML in foreignObject.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    suppressErrorRendering: true,
    theme: 'base',
    fontFamily: theme.fontFamily,
    themeVariables: { ...theme },
  })
  const id = `mermaid-diagram-${++counter}`
  const workspace = document.createElement('div')
  workspace.className = 'mermaid-workspace'
  workspace.setAttribute('aria-hidden', 'true')
  document.body.append(workspace)
  const added: Node[] = []
  const collect = (records: MutationRecord[]) =>
    records.forEach((record) => added.push(...Array.from(record.addedNodes)))
  const observer = new MutationObserver(collect)
  observer.observe(workspace, { childList: true })
  try {
    // Sanitizing inside the drawing too: DOMPurify may write attributes back.
    const { result: svg, sheet } = await drawWithCssom(workspace, async () => {
      await m.render(id, source, workspace)
      // Mermaid removes its drawing from the workspace when done; the records still hold it.
      collect(observer.takeRecords())
      const drawn = added
        .map((node) => (node instanceof Element ? node.querySelector(`svg[id="${id}"]`) : null))
        .find((found) => found instanceof SVGSVGElement)
      if (!drawn) throw new Error('Mermaid drew nothing')
      return sanitizeSvg(drawn.cloneNode(true) as SVGSVGElement)
    })
    const css = Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n')
    dropSheet(sheet)
    return { svg, css }
  } finally {
    observer.disconnect()
    workspace.remove()
    // Tooltips for `click` lines are added to the body; nothing here uses them.
    for (const tip of document.querySelectorAll('body > .mermaidTooltip')) tip.remove()
  }
}

/**
 * DOMPurify over the SVG's nodes in place (no string to parse, so no CSP report), then every
 * link that would leave the diagram goes: a click must not navigate the app.
 */
async function sanitizeSvg(svg: SVGSVGElement): Promise<SVGSVGElement> {
  const { default: DOMPurify } = await import('dompurify')
  DOMPurify.sanitize(svg, {
    IN_PLACE: true,
    USE_PROFILES: { svg: true, svgFilters: true, html: true },
    ADD_TAGS: ['foreignobject'],
    ADD_ATTR: ['dominant-baseline'],
    FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'form', 'input', 'button'],
    HTML_INTEGRATION_POINTS: { foreignobject: true },
  })
  for (const element of svg.querySelectorAll('[href], [*|href]')) {
    for (const attribute of Array.from(element.attributes)) {
      if (attribute.localName === 'href' && !attribute.value.startsWith('#')) {
        element.removeAttributeNode(attribute)
      }
    }
  }
  return svg
}
