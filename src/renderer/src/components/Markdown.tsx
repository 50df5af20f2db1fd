import type { Element } from 'hast'
import type { ComponentProps, ReactElement } from 'react'
import { memo, useMemo, useSyncExternalStore } from 'react'
import type { Components, Options } from 'react-markdown'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import {
  currentHighlighter,
  loadHighlighter,
  needsHighlighter,
  onHighlighterReady,
} from '../lib/codeHighlighter'
import { textOf } from '../lib/hastNodes'
import { currentMath, loadMath, needsMath, onMathReady } from '../lib/mathRenderer'
import { normalizeMarkdown } from '../lib/normalizeMarkdown'
import { rehypeMathSource } from '../lib/rehypeMathSource'
import { rehypeUncertainty } from '../lib/rehypeUncertainty'
import { CodeBlock } from './CodeBlock'
import { MermaidDiagram } from './MermaidDiagram'
import { SourceToggle } from './SourceToggle'

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
  pre: ({ node, children }) => {
    const code = node ? textOf(node).replace(/\n$/, '') : ''
    const language = languageOf(node)
    if (language === 'mermaid') return <MermaidDiagram source={code} />
    return (
      <CodeBlock code={code} language={language}>
        {children}
      </CodeBlock>
    )
  },
  figure: ({ node, children }) => {
    const source = node?.properties['dataSource']
    // Only rehypeMathSource makes figures: Markdown has no syntax for one.
    if (typeof source !== 'string') return <figure>{children}</figure>
    return (
      <SourceToggle kind="Formula" source={source}>
        {children}
      </SourceToggle>
    )
  },
}

// Single dollars are off: normalizeMarkdown has already turned real single-dollar math into
// `$$…$$`, so prices in prose stay prose.
const remarkPlugins: Options['remarkPlugins'] = [
  remarkGfm,
  [remarkMath, { singleDollarTextMath: false }],
]
// KaTeX and code highlighting join once their chunks have loaded (lib/mathRenderer.ts,
// lib/codeHighlighter.ts). Uncertainty markers first, while formulas are still code it skips.
const rehypeKatexLazy = () => currentMath() ?? undefined
const rehypeCodeHighlight = () => currentHighlighter() ?? undefined
const rehypePlugins = [rehypeUncertainty, rehypeMathSource, rehypeKatexLazy, rehypeCodeHighlight]

function renderMarkdown(raw: string): ReactElement {
  const text = normalizeMarkdown(raw)
  if (!currentHighlighter() && needsHighlighter(text)) void loadHighlighter()
  if (!currentMath() && needsMath(text)) void loadMath()
  return ReactMarkdown({ remarkPlugins, rehypePlugins, components, children: text })
}

/**
 * Rendered messages by text. A virtualized list unmounts rows that scroll out and mounts them
 * again on the way back; parsing the same Markdown each time is what made scrolling stutter.
 */
const CACHE_SIZE = 300
const rendered = new Map<string, ReactElement>()
// What was rendered before the highlighter or KaTeX arrived shows code or TeX plain: render it again.
onHighlighterReady(() => rendered.clear())
onMathReady(() => rendered.clear())

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
  const mathReady = useSyncExternalStore(onMathReady, () => currentMath() !== null)
  const content = useMemo(
    () => (live ? renderMarkdown(text) : cachedMarkdown(text)),
    // `highlighted` and `mathReady` are dependencies only: code and formulas render again once
    // their chunks load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text, live, highlighted, mathReady],
  )
  return <div className="markdown">{content}</div>
})
