/** Mermaid's "base" theme variables, taken from the app's colour variables of the moment. */
export interface DiagramTheme {
  darkMode: boolean
  fontFamily: string
  background: string
  primaryColor: string
  primaryTextColor: string
  primaryBorderColor: string
  secondaryColor: string
  tertiaryColor: string
  lineColor: string
  textColor: string
  noteBkgColor: string
  noteTextColor: string
  noteBorderColor: string
  edgeLabelBackground: string
  clusterBkg: string
  clusterBorder: string
  titleColor: string
  pieStrokeColor: string
  pieOuterStrokeColor: string
  pieSectionTextColor: string
  [pieSlice: `pie${number}`]: string
}

function cssVariable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback
}

/** Relative luminance of a #rrggbb colour (0 black … 1 white); other forms count as light. */
function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex)
  if (!match?.[1]) return 1
  const value = parseInt(match[1], 16)
  const channels = [value >> 16, (value >> 8) & 0xff, value & 0xff].map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  const [r = 0, g = 0, b = 0] = channels
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

const PIE_VARIABLES = [
  '--accent',
  '--code-string',
  '--code-number',
  '--code-keyword',
  '--code-meta',
  '--danger',
  '--code-title',
  '--code-comment',
]

/**
 * Diagrams follow the theme through the same variables as the rest of the app (theme.css), so a
 * dark window gets light lines on dark boxes rather than Mermaid's default light palette.
 */
export function currentDiagramTheme(): DiagramTheme {
  const style = getComputedStyle(document.documentElement)
  const background = cssVariable(style, '--bg-raised', '#ffffff')
  const text = cssVariable(style, '--text', '#1f2328')
  return {
    darkMode: luminance(background) < 0.2,
    fontFamily: cssVariable(style, '--font-ui', 'sans-serif'),
    background,
    primaryColor: cssVariable(style, '--accent-soft', '#e3eaf8'),
    primaryTextColor: text,
    primaryBorderColor: cssVariable(style, '--accent', '#3558a8'),
    secondaryColor: cssVariable(style, '--bg-sunken', '#efede8'),
    tertiaryColor: cssVariable(style, '--bg-hover', '#e7e4dd'),
    lineColor: cssVariable(style, '--text-muted', '#5b6069'),
    textColor: text,
    noteBkgColor: cssVariable(style, '--warning-soft', '#fff4d6'),
    noteTextColor: text,
    noteBorderColor: cssVariable(style, '--border', '#d6d3cc'),
    // Edge labels sit on the diagram's own background, not on a box of Mermaid's colour.
    edgeLabelBackground: background,
    clusterBkg: cssVariable(style, '--bg-sunken', '#efede8'),
    clusterBorder: cssVariable(style, '--border', '#d6d3cc'),
    titleColor: text,
    pieStrokeColor: background,
    pieOuterStrokeColor: cssVariable(style, '--border', '#d6d3cc'),
    // Slices in the code colours: distinct hues, each readable on the theme's background.
    pieSectionTextColor: cssVariable(style, '--accent-text', '#ffffff'),
    ...Object.fromEntries(
      PIE_VARIABLES.map((name, i) => [`pie${i + 1}`, cssVariable(style, name, '#3558a8')]),
    ),
  }
}

/**
 * Calls `listener` when the theme may have changed: the OS scheme, or the app switching theme
 * through an attribute on the root element.
 */
export function onThemeChange(listener: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)')
  media.addEventListener('change', listener)
  const observer = new MutationObserver(listener)
  observer.observe(document.documentElement, { attributes: true })
  return () => {
    media.removeEventListener('change', listener)
    observer.disconnect()
  }
}
