import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Markdown } from '../../../src/renderer/src/components/Markdown'
import { needsHighlighter } from '../../../src/renderer/src/lib/codeHighlighter'

describe('Markdown', () => {
  it('shows raw HTML as text and never creates img or script elements', () => {
    const text =
      'Look: <img src=x onerror=alert(1)> and\n\n<script>alert(1)</script>\n\n<b>bold?</b>'
    const { container } = render(<Markdown text={text} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('script')).toBeNull()
    expect(container.querySelector('b')).toBeNull()
    expect(container).toHaveTextContent('<img src=x onerror=alert(1)>')
    expect(container).toHaveTextContent('<script>alert(1)</script>')
  })

  it('renders GFM (tables, strikethrough) and safe external links', () => {
    const text =
      '| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ [site](https://example.org) [bad](javascript:alert(1))'
    const { container } = render(<Markdown text={text} />)
    expect(screen.getByRole('table')).toBeInTheDocument()
    expect(container.querySelector('del')).toHaveTextContent('old')
    const link = screen.getByRole('link', { name: 'site' })
    expect(link).toHaveAttribute('href', 'https://example.org')
    expect(link).toHaveAttribute('target', '_blank')
    expect(link).toHaveAttribute('rel', 'noopener noreferrer')
    // The javascript: link is shown as text, not as a link.
    expect(screen.queryByRole('link', { name: 'bad' })).toBeNull()
    expect(container).toHaveTextContent('bad')
  })

  it('turns uncertainty markers into labelled badges, distinct per level', () => {
    const { container } = render(
      <Markdown text={'Probably true ⟨low⟩, maybe ⟨medium⟩, a guess ⟨⟨high⟩⟩.'} />,
    )
    const low = screen.getByRole('img', { name: 'uncertainty: low' })
    const medium = screen.getByRole('img', { name: 'uncertainty: medium' })
    const high = screen.getByRole('img', { name: 'uncertainty: high' })
    expect(low).toHaveClass('uncertainty-low')
    expect(medium).toHaveClass('uncertainty-medium')
    expect(high).toHaveClass('uncertainty-high')
    expect(high).toHaveAttribute('title')
    expect(container.textContent).not.toContain('⟨')
  })

  it('leaves markers inside code as written', () => {
    const { container } = render(<Markdown text={'Use `⟨low⟩` to mark a claim.'} />)
    expect(screen.queryByRole('img')).toBeNull()
    expect(container.querySelector('code')).toHaveTextContent('⟨low⟩')
  })

  it('highlights code blocks and copies their text', async () => {
    const user = userEvent.setup()
    const code = 'const answer = 42\nconsole.log(answer)'
    const { container } = render(<Markdown text={'```js\n' + code + '\n```'} />)
    // The grammars load on first need, then the block renders again, highlighted.
    await waitFor(() => expect(container.querySelector('.hljs-keyword')).toHaveTextContent('const'))
    expect(container.querySelector('code.hljs')).not.toBeNull()
    await user.click(screen.getByRole('button', { name: 'Copy' }))
    expect(await navigator.clipboard.readText()).toBe(code)
    expect(screen.getByRole('button', { name: 'Copied' })).toBeInTheDocument()
  })

  it('fetches the grammars only for text that holds a code block', () => {
    expect(needsHighlighter('```ts\nlet x = 1\n```')).toBe(true)
    expect(needsHighlighter('Intro\n~~~\ncode\n~~~')).toBe(true)
    expect(needsHighlighter('Para\n\n    indented code')).toBe(true)
    expect(needsHighlighter('Plain words, `inline code` and a list:\n- one\n- two')).toBe(false)
  })
})
