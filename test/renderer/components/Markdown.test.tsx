import { render, screen, waitFor, within } from '@testing-library/react'
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

  it('renders a code fence that starts mid-paragraph as a code block', () => {
    const { container } = render(<Markdown text={'Here is code: ```python\nprint(1)\n```'} />)
    expect(container.querySelector('p')).toHaveTextContent('Here is code:')
    expect(container.querySelector('pre code')).toHaveTextContent('print(1)')
    expect(container.textContent).not.toContain('```')
    expect(container.querySelector('.code-block-lang')).toHaveTextContent('python')
  })

  it('typesets inline and display math with KaTeX, the source one click away', async () => {
    const user = userEvent.setup()
    const text = 'Inline $a^2+b^2=c^2$ and \\(x_1\\).\n\n$$\n\\int_0^1 x\\,dx\n$$'
    const { container } = render(<Markdown text={text} />)
    // KaTeX loads on first need, then the message renders again, typeset.
    await waitFor(() => expect(container.querySelectorAll('.katex')).toHaveLength(3))
    expect(container.querySelector('.katex-display')).not.toBeNull()
    // MathML for screen readers, with the TeX as its annotation.
    expect(container.querySelector('annotation')).toHaveTextContent('a^2+b^2=c^2')
    expect(container.querySelector('.formula-inline')).toHaveAttribute('title', 'a^2+b^2=c^2')
    const formula = screen.getByRole('figure', { name: 'Formula' })
    await user.click(within(formula).getByRole('button', { name: 'Show source' }))
    expect(formula.querySelector('pre.rendered-block-source')).toHaveTextContent('\\int_0^1 x\\,dx')
    expect(formula.querySelector('.katex-display')).not.toBeVisible()
    expect(within(formula).getByRole('button', { name: 'Hide source' })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
  })

  it('leaves dollar amounts in prose as text', async () => {
    const { container } = render(<Markdown text={'It costs $5 and $10, or $x$ in algebra.'} />)
    await waitFor(() => expect(container.querySelectorAll('.katex')).toHaveLength(1))
    expect(container.querySelector('p')).toHaveTextContent(/^It costs \$5 and \$10, or/)
  })

  it('shows a formula KaTeX cannot parse as an error in place, without raw HTML', async () => {
    const { container } = render(
      <Markdown text={'Bad: $\\frac{1}{$ and $\\href{javascript:alert(1)}{x}$'} />,
    )
    await waitFor(() => expect(container.querySelector('.katex-error')).not.toBeNull())
    expect(container.querySelector('a')).toBeNull()
  })
})
