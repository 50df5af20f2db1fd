/**
 * Runs a DOM-drawing library (Mermaid) inside `workspace` under the app's CSP, whose style-src
 * has no 'unsafe-inline'. Such libraries style by `setAttribute('style', …)` and by inserting a
 * `<style>` element; the CSP blocks both and reports a violation. Styles set through the CSSOM
 * are not inline styles in the CSP's sense, so for the duration of `draw`:
 * - `setAttribute('style', css)` becomes `element.style.cssText = css` (on any element: the
 *   library also measures text in elements it appends to the body; the result is the same);
 * - a `<style>` element inserted into the workspace is kept out of the DOM and its rules go into
 *   a constructed stylesheet adopted by the document (returned, so its owner can drop it).
 * `<style>` elements outside the workspace are treated as usual.
 */
export async function drawWithCssom<T>(
  workspace: HTMLElement,
  draw: () => Promise<T>,
): Promise<{ result: T; sheet: CSSStyleSheet }> {
  const sheet = new CSSStyleSheet()
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]

  const proto = Element.prototype
  const nodeProto = Node.prototype
  const originalSetAttribute = proto.setAttribute
  const originalInsertBefore = nodeProto.insertBefore
  const originalAppendChild = nodeProto.appendChild

  const inWorkspace = (node: Node) => workspace.contains(node)
  const isStyleElement = (node: Node) =>
    node instanceof HTMLStyleElement || node instanceof SVGStyleElement
  const adoptRules = (style: Node) => {
    sheet.replaceSync(`${cssText(sheet)}\n${style.textContent ?? ''}`)
  }

  proto.setAttribute = function setAttribute(this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style' && hasStyle(this)) {
      this.style.cssText = String(value)
      return
    }
    originalSetAttribute.call(this, name, value)
  }
  nodeProto.insertBefore = function insertBefore<N extends Node>(
    this: Node,
    node: N,
    child: Node | null,
  ): N {
    if (isStyleElement(node) && inWorkspace(this)) {
      adoptRules(node)
      return node
    }
    return originalInsertBefore.call(this, node, child) as N
  }
  nodeProto.appendChild = function appendChild<N extends Node>(this: Node, node: N): N {
    if (isStyleElement(node) && inWorkspace(this)) {
      adoptRules(node)
      return node
    }
    return originalAppendChild.call(this, node) as N
  }

  try {
    return { result: await draw(), sheet }
  } catch (error) {
    dropSheet(sheet)
    throw error
  } finally {
    proto.setAttribute = originalSetAttribute
    nodeProto.insertBefore = originalInsertBefore
    nodeProto.appendChild = originalAppendChild
  }
}

/** Removes a stylesheet returned by drawWithCssom (its diagram is gone or redrawn). */
export function dropSheet(sheet: CSSStyleSheet): void {
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)
}

function hasStyle(element: Element): element is HTMLElement | SVGElement {
  return element instanceof HTMLElement || element instanceof SVGElement
}

function cssText(sheet: CSSStyleSheet): string {
  return Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n')
}
