import type rehypeKatex from 'rehype-katex'
import { lazyPlugin } from './lazyPlugin'

type MathTransform = ReturnType<typeof rehypeKatex>

/** After normalizeMarkdown every formula is written `$$…$$`; a ```math fence is one too. */
const MATH = /\$\$|(^|\n)[ \t>]*(```|~~~)[ \t]*math\b/

export function needsMath(normalizedText: string): boolean {
  return MATH.test(normalizedText)
}

/**
 * KaTeX with its stylesheet and fonts, as its own chunk. `trust: false` (the default, written
 * out) keeps \href, \url, \includegraphics and \html… commands off; errors show in place.
 */
const math = lazyPlugin(() =>
  Promise.all([import('rehype-katex'), import('katex/dist/katex.min.css')]).then(
    ([{ default: plugin }]): MathTransform =>
      plugin({ trust: false, strict: 'ignore', output: 'htmlAndMathml' }),
  ),
)

export const currentMath = math.current
export const loadMath = math.load
export const onMathReady = math.onReady
