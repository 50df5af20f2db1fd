import { lazyPlugin } from './lazyPlugin'

/** After normalizeMarkdown every formula is written `$$…$$`; a ```math fence is one too. */
const MATH = /\$\$|(^|\n)[ \t>]*(```|~~~)[ \t]*math\b/

export function needsMath(normalizedText: string): boolean {
  return MATH.test(normalizedText)
}

/** KaTeX with its stylesheet and fonts (all served by the app), as its own chunk. */
const math = lazyPlugin(() =>
  Promise.all([import('./rehypeKatex'), import('katex/dist/katex.min.css')]).then(
    ([{ rehypeKatex }]) => rehypeKatex(),
  ),
)

export const currentMath = math.current
export const loadMath = math.load
export const onMathReady = math.onReady
