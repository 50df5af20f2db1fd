import type { Message } from '../src/shared/domain'

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * The baseline for the renderer's full-depth scroll: the same messages as one static page, every
 * message in the DOM at once as plain paragraphs, in a scroller of the app's size and column width,
 * with no script. Scrolling it costs only the browser's own layout and paint.
 */
export function staticConversationPage(messages: readonly Message[]): string {
  const articles = messages
    .map((m) => {
      const paragraphs = m.content
        .split(/\n{2,}/)
        .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
        .join('')
      return `<article data-message-id="${m.id}" class="${m.role}"><b>${m.role}</b>${paragraphs}</article>`
    })
    .join('\n')
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; }
  [role="log"] { position: fixed; inset: 60px 0 140px 300px; overflow-y: auto; }
  article { max-width: 46rem; margin: 0.75rem auto; padding: 0.75rem 1rem; border: 1px solid #ddd;
    border-radius: 8px; }
  article.user { background: #eef2fb; }
  p { margin: 0.4rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
</style></head><body><div role="log" aria-label="Messages">${articles}</div></body></html>`
}
