/**
 * The text a rendered message shows, without its Markdown: what "Copy as text" copies.
 * Browsers lay the element out and give line breaks between blocks (innerText); where nothing
 * is laid out (tests in jsdom), the raw text content is the best there is.
 */
export function renderedText(element: HTMLElement | null, fallback: string): string {
  if (!element) return fallback
  const laidOut = (element as { innerText?: unknown }).innerText
  const text = typeof laidOut === 'string' ? laidOut : (element.textContent ?? '')
  return text.trim() || fallback
}
