import { describe, expect, it } from 'vitest'
import { normalizeMarkdown } from '../../../src/renderer/src/lib/normalizeMarkdown'

describe('normalizeMarkdown: math delimiters', () => {
  it('writes every TeX delimiter as $$…$$', () => {
    expect(normalizeMarkdown('Euler: $e^{i\\pi}+1=0$.')).toBe('Euler: $$e^{i\\pi}+1=0$$.')
    expect(normalizeMarkdown('Inline \\(a^2+b^2\\) here')).toBe('Inline $$a^2+b^2$$ here')
    expect(normalizeMarkdown('Also $$x_1$$ stays')).toBe('Also $$x_1$$ stays')
  })

  it('makes a formula alone on its line a display block, inside a quote too', () => {
    expect(normalizeMarkdown('Area:\n\\[\\pi r^2\\]\nDone')).toBe('Area:\n$$\n\\pi r^2\n$$\nDone')
    expect(normalizeMarkdown('$$ E = mc^2 $$')).toBe('$$\nE = mc^2\n$$')
    expect(normalizeMarkdown('> \\[x\\]')).toBe('> $$\n> x\n> $$')
    expect(normalizeMarkdown('\\[\n\\int_0^1 x\\,dx\n\\]')).toBe('$$\n\\int_0^1 x\\,dx\n$$')
  })

  it('leaves dollar amounts in prose alone', () => {
    for (const text of [
      'it costs $5 and $10',
      'between $5-$10 a month',
      'Price: $20,000 and $30,000.',
      'a lone $ sign',
      'pay $ 5 and 6 $',
      'Escaped \\$x\\$ is not math',
    ]) {
      expect(normalizeMarkdown(text)).toBe(text)
    }
  })

  it('does not pair dollars across a paragraph break', () => {
    const text = 'First costs $5.\n\nSecond costs 3$ more'
    expect(normalizeMarkdown(text)).toBe(text)
  })

  it('leaves code as written: fenced, inline, indented', () => {
    const fenced = '```sh\necho "$HOME/$USER" \\(x\\)\n```'
    expect(normalizeMarkdown(fenced)).toBe(fenced)
    const inline = 'Run `echo $a$b` and `\\(x\\)`'
    expect(normalizeMarkdown(inline)).toBe(inline)
    const indented = 'Para\n\n    echo $HOME/$USER\n'
    expect(normalizeMarkdown(indented)).toBe(indented)
    const mathBlock = '$$\na $b$ c\n$$'
    expect(normalizeMarkdown(mathBlock)).toBe(mathBlock)
  })

  it('still converts math in a list item continuation', () => {
    expect(normalizeMarkdown('- item\n\n    where $x$ is big')).toBe(
      '- item\n\n    where $$x$$ is big',
    )
  })
})

describe('normalizeMarkdown: code fences that start mid-line', () => {
  it('moves the fence of "Here is code: ```python" to its own line', () => {
    expect(normalizeMarkdown('Here is code: ```python\nprint(1)\n```')).toBe(
      'Here is code:\n```python\nprint(1)\n```',
    )
  })

  it('keeps a blockquote prefix on the moved fence', () => {
    expect(normalizeMarkdown('> Try: ```js\n> f()\n> ```')).toBe('> Try:\n> ```js\n> f()\n> ```')
  })

  it('leaves triple-backtick code spans and unclosed fences alone', () => {
    const span = 'Use ```a``` here\nand ```b``` there'
    expect(normalizeMarkdown(span)).toBe(span)
    const unclosed = 'Type ``` to start a code block'
    expect(normalizeMarkdown(unclosed)).toBe(unclosed)
    const noClose = 'Here: ```python\nprint(1)'
    expect(normalizeMarkdown(noClose)).toBe(noClose)
  })

  it('does not touch a fence already on its own line', () => {
    const text = 'Intro\n\n```python\nx = "a ```js"\n```'
    expect(normalizeMarkdown(text)).toBe(text)
  })
})
