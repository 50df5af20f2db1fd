import { convertTexDelimiters } from './texDelimiters'

/**
 * Rewrites message text before Markdown parsing so that what models and exports write renders as
 * they meant it:
 * - a code fence that starts mid-line ("Here is code: ```python", as ChatGPT exports have it)
 *   moves to a line of its own, so it opens a code block instead of showing backticks;
 * - TeX math in any of `$…$`, `$$…$$`, `\(…\)`, `\[…\]` becomes the one form remark-math reads
 *   (`$$…$$`, with single dollars off so "$5 and $10" stays prose); a formula alone on its line
 *   becomes a display block.
 * Code (fenced, indented, inline) and existing `$$` blocks pass through untouched.
 */
export function normalizeMarkdown(text: string): string {
  if (!/[`~$\\]/.test(text)) return text
  const lines = splitMidLineFences(text.split('\n'))
  const out: string[] = []
  let prose: string[] = []
  const flushProse = () => {
    if (prose.length > 0) out.push(convertTexDelimiters(prose.join('\n')))
    prose = []
  }

  let fence: { char: string; size: number } | null = null
  let inMathBlock = false
  let previousBlank = true
  let inIndentedCode = false
  let lastBlockLine = ''
  for (const line of lines) {
    const body = stripContainers(line)
    if (fence) {
      out.push(line)
      if (isClosingFence(body, fence)) fence = null
    } else if (inMathBlock) {
      out.push(line)
      if (body.trim() === '$$') inMathBlock = false
    } else if (openingFence(body)) {
      flushProse()
      fence = openingFence(body)
      out.push(line)
    } else if (body.trim() === '$$') {
      flushProse()
      inMathBlock = true
      out.push(line)
    } else if (isIndentedCode(line, previousBlank || inIndentedCode, lastBlockLine)) {
      flushProse()
      inIndentedCode = true
      out.push(line)
    } else {
      const display = loneDisplayMath(line)
      if (display) {
        flushProse()
        out.push(display)
      } else {
        prose.push(line)
      }
    }
    const blank = line.trim() === ''
    if (!blank && !/^( {4}|\t)/.test(line)) lastBlockLine = line
    if (!blank && !/^( {4}|\t)/.test(line)) inIndentedCode = false
    previousBlank = blank
  }
  flushProse()
  return out.join('\n')
}

/** Blockquote markers and indentation before a line's content (list items keep theirs). */
function containerPrefix(line: string): string {
  return /^[ \t]*(?:>[ \t]?)*/.exec(line)?.[0] ?? ''
}

function stripContainers(line: string): string {
  return line.slice(containerPrefix(line).length)
}

function openingFence(body: string): { char: string; size: number } | null {
  const match = /^(`{3,}|~{3,})(.*)$/.exec(body)
  if (!match?.[1]) return null
  const marker = match[1]
  // A backtick fence's info string cannot hold backticks (CommonMark); a `~~~` one can.
  if (marker.startsWith('`') && match[2]?.includes('`')) return null
  return { char: marker.charAt(0), size: marker.length }
}

function isClosingFence(body: string, fence: { char: string; size: number }): boolean {
  const match = /^(`{3,}|~{3,})[ \t]*$/.exec(body)
  return !!match?.[1] && match[1].charAt(0) === fence.char && match[1].length >= fence.size
}

const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]/

/** Four-space code after a blank line, unless it continues a list item (then it is prose). */
function isIndentedCode(line: string, afterBlankOrCode: boolean, lastBlockLine: string): boolean {
  return afterBlankOrCode && /^( {4}|\t)/.test(line) && !LIST_ITEM.test(lastBlockLine)
}

/** "Text: ```lang" followed, later, by a closing fence: the fence goes to its own line. */
const MID_LINE_FENCE = /^(.*\S)[ \t]*(`{3,}|~{3,})([\w+#.-]*)[ \t]*$/

function splitMidLineFences(lines: string[]): string[] {
  const out: string[] = []
  let fence: { char: string; size: number } | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const body = stripContainers(line)
    if (fence) {
      if (isClosingFence(body, fence)) fence = null
      out.push(line)
      continue
    }
    fence = openingFence(body)
    const match = fence ? null : MID_LINE_FENCE.exec(line)
    const lead = match?.[1]
    const marker = match?.[2]
    if (lead && marker && !lead.includes(marker.slice(0, 3)) && hasClosingFence(lines, i, marker)) {
      const prefix = containerPrefix(line)
      out.push(lead, prefix + marker + (match[3] ?? ''))
      fence = { char: marker.charAt(0), size: marker.length }
      continue
    }
    out.push(line)
  }
  return out
}

function hasClosingFence(lines: string[], from: number, marker: string): boolean {
  const fence = { char: marker.charAt(0), size: marker.length }
  return lines.slice(from + 1).some((l) => isClosingFence(stripContainers(l), fence))
}

/** `$$x$$` or `\[x\]` as the whole line: a display formula, written as a `$$` block. */
function loneDisplayMath(line: string): string | null {
  const prefix = containerPrefix(line)
  const body = line.slice(prefix.length).trim()
  const match = /^\$\$(.+)\$\$$/.exec(body) ?? /^\\\[(.+)\\\]$/.exec(body)
  const tex = match?.[1]
  if (!tex?.trim() || tex.includes('$$')) return null
  return [prefix + '$$', prefix + tex.trim(), prefix + '$$'].join('\n')
}
