import type { Element, ElementContent } from 'hast'
import type { ComponentProps } from 'react'
import { memo } from 'react'
import type { Components } from 'react-markdown'
import ReactMarkdown from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import remarkGfm from 'remark-gfm'
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
const rehypePlugins = [rehypeHighlight, rehypeUncertainty]

/**
 * Markdown from models and imported files. No rehype-raw: raw HTML in the text is shown as
 * text, never parsed, so `<img onerror>` or `<script>` cannot run.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  )
})
