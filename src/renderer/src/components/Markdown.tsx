import type { Element, ElementContent } from 'hast'
import type { ComponentProps, ReactElement } from 'react'
import { memo, useMemo, useSyncExternalStore } from 'react'
import type { Components } from 'react-markdown'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import {
  currentHighlighter,
  loadHighlighter,
  needsHighlighter,
  onHighlighterReady,
} from '../lib/codeHighlighter'
import { rehypeUncertainty } from '../lib/rehypeUncertainty'
import { CodeBlock } from './CodeBlock'

function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

function languageOf(pre: Element | undefined): string | null {
  const code = pre?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code')
  const classes = code?.properties['className']
  if (!Array.isArray(classes)) return null
  const lang = classes.map(String).find((c) => c.startsWith('language-'))
  return lang ? lang.slice('language-'.length) : null
}

function isExternal(href: string | undefined): href is string {
  return typeof href === 'string' && /^(https?:|mailto:)/i.test(href)
}

function SafeLink({ href, children }: ComponentProps<'a'>) {
  // In-app or odd-scheme links would navigate the app itself; show them as text instead.
  if (!isExternal(href)) return <span className="md-link-text">{children}</span>
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  )
}

function SafeImage({ src, alt }: ComponentProps<'img'>) {
  // Remote images would let a reply phone home; show what it points to instead.
  const label = `image: ${alt || 'untitled'}`
  if (typeof src === 'string' && isExternal(src)) {
    return (
      <a className="md-image" href={src} target="_blank" rel="noopener noreferrer">
        [{label}]
      </a>
    )
  }
  return <span className="md-image">[{label}]</span>
}

const components: Components = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  img: ({ src, alt }) => <SafeImage src={src} alt={alt} />,
  pre: ({ node, children }) => (
    <CodeBlock code={node ? textOf(node).replace(/\n$/, '') : ''} language={languageOf(node)}>
      {children}
    </CodeBlock>
  ),
}

const remarkPlugins = [remarkGfm]
// Code highlighting joins once its chunk has loaded (lib/codeHighlighter.ts).
const rehypeCodeHighlight = () => currentHighlighter() ?? undefined
const rehypePlugins = [rehypeCodeHighlight, rehypeUncertainty]

function renderMarkdown(text: string): ReactElement {
  if (!currentHighlighter() && needsHighlighter(text)) void loadHighlighter()
  return ReactMarkdown({ remarkPlugins, rehypePlugins, components, children: text })
}

/**
 * Rendered messages by text. A virtualized list unmounts rows that scroll out and mounts them
 * again on the way back; parsing the same Markdown each time is what made scrolling stutter.
 */
const CACHE_SIZE = 300
const rendered = new Map<string, ReactElement>()
// What was rendered before the highlighter arrived shows code plain: render it again.
onHighlighterReady(() => rendered.clear())

function cachedMarkdown(text: string): ReactElement {
  const hit = rendered.get(text)
  if (hit) {
    // Map order is insertion order: re-inserting keeps recently used entries last.
    rendered.delete(text)
    rendered.set(text, hit)
    return hit
  }
  const element = renderMarkdown(text)
  rendered.set(text, element)
  if (rendered.size > CACHE_SIZE) rendered.delete(rendered.keys().next().value as string)
  return element
}

interface Props {
  text: string
  /** Text still arriving (a streaming reply): every version is new, so skip the cache. */
  live?: boolean
}

/**
 * Markdown from models and imported files. No rehype-raw: raw HTML in the text is shown as
 * text, never parsed, so `<img onerror>` or `<script>` cannot run.
 */
export const Markdown = memo(function Markdown({ text, live = false }: Props) {
  const highlighted = useSyncExternalStore(onHighlighterReady, () => currentHighlighter() !== null)
  const content = useMemo(
    () => (live ? renderMarkdown(text) : cachedMarkdown(text)),
    // `highlighted` is a dependency only: a code block renders again once highlighting loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text, live, highlighted],
  )
  return <div className="markdown">{content}</div>
})
