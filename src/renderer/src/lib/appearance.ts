/**
 * Theme and text size: chosen in Settings, kept in this window's localStorage (a look, not data),
 * applied as attributes on <html> that the CSS variables (styles/theme.css) honour. Diagrams
 * re-read the variables when an attribute on <html> changes (lib/diagramTheme.ts).
 */
export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]
export const TEXT_SIZES = ['small', 'default', 'large'] as const
export type TextSize = (typeof TEXT_SIZES)[number]

export interface Appearance {
  theme: Theme
  textSize: TextSize
}

export const DEFAULT_APPEARANCE: Appearance = { theme: 'system', textSize: 'default' }
const THEME_KEY = 'activemirror.theme'
const TEXT_SIZE_KEY = 'activemirror.textSize'

function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback
}

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    // Storage can be disabled (privacy settings): the defaults apply.
    return null
  }
}

export function readAppearance(): Appearance {
  const store = storage()
  return {
    theme: oneOf(THEMES, store?.getItem(THEME_KEY), DEFAULT_APPEARANCE.theme),
    textSize: oneOf(TEXT_SIZES, store?.getItem(TEXT_SIZE_KEY), DEFAULT_APPEARANCE.textSize),
  }
}

export function saveAppearance(appearance: Appearance): void {
  const store = storage()
  store?.setItem(THEME_KEY, appearance.theme)
  store?.setItem(TEXT_SIZE_KEY, appearance.textSize)
}

function systemIsDark(): boolean {
  return typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)').matches
    : false
}

/** Sets `data-theme` (always light or dark: "system" is resolved here) and `data-text-size`. */
export function applyAppearance(appearance: Appearance, root = document.documentElement): void {
  const dark = appearance.theme === 'dark' || (appearance.theme === 'system' && systemIsDark())
  const theme = dark ? 'dark' : 'light'
  if (root.dataset['theme'] !== theme) root.dataset['theme'] = theme
  if (root.dataset['textSize'] !== appearance.textSize) {
    root.dataset['textSize'] = appearance.textSize
  }
}

/**
 * Applies the stored appearance now (main.tsx calls this before the first render) and again
 * whenever the OS switches between light and dark.
 */
export function startAppearance(): void {
  applyAppearance(readAppearance())
  if (typeof window.matchMedia !== 'function') return
  window
    .matchMedia('(prefers-color-scheme: dark)')
    .addEventListener('change', () => applyAppearance(readAppearance()))
}
