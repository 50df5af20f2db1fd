export type CspOptions =
  /** The packaged or previewed app, loaded from our own protocol. */
  | { mode: 'electron' }
  /** `npm run dev`: Vite's dev server needs its HMR socket and the React refresh preamble. */
  | { mode: 'development'; devServerUrl: string }
  /** The browser host: same page plus the loopback WebSocket to the router. */
  | { mode: 'browser'; port?: number }

const BASE: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'media-src': ["'none'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
}

/**
 * The Content-Security-Policy for the renderer. Scripts only from the app itself: no remote
 * script, no eval, no inline script (outside `npm run dev`, where Vite injects one).
 */
export function buildCsp(options: CspOptions): string {
  const directives: Record<string, string[]> = Object.fromEntries(
    Object.entries(BASE).map(([name, sources]) => [name, [...sources]]),
  )
  if (options.mode === 'browser') {
    const port = options.port === undefined ? '*' : String(options.port)
    directives['connect-src']?.push(`ws://127.0.0.1:${port}`)
  } else if (options.mode === 'development') {
    const dev = new URL(options.devServerUrl)
    const wsOrigin = `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`
    directives['connect-src']?.push(wsOrigin)
    directives['script-src']?.push("'unsafe-inline'")
    directives['style-src']?.push("'unsafe-inline'")
  }
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

/** Headers sent with every renderer response, in Electron and by the browser host. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
  }
}
