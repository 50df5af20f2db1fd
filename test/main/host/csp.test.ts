import { describe, expect, it } from 'vitest'
import { buildCsp, securityHeaders } from '../../../src/main/host/csp'

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

describe('content security policy', () => {
  const electron = buildCsp({ mode: 'electron' })
  const browser = buildCsp({ mode: 'browser', port: 7377 })

  it.each([
    ['electron', electron],
    ['browser', browser],
  ])('only allows our own scripts in %s mode: no eval, no inline, no remote', (_mode, csp) => {
    const d = directives(csp)
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(d.get('default-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toMatch(/https?:/)
  })

  it('lets only the browser host page open the loopback WebSocket', () => {
    expect(directives(electron).get('connect-src')).toEqual(["'self'"])
    expect(directives(browser).get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:7377'])
    expect(directives(buildCsp({ mode: 'browser' })).get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:*',
    ])
  })

  it('relaxes only for the Vite dev server, and never allows eval', () => {
    const dev = buildCsp({ mode: 'development', devServerUrl: 'http://localhost:5173/' })
    expect(directives(dev).get('connect-src')).toContain('ws://localhost:5173')
    expect(dev).not.toContain('unsafe-eval')
  })

  it('sends the policy with anti-sniffing and anti-framing headers', () => {
    const headers = securityHeaders(electron)
    expect(headers['Content-Security-Policy']).toBe(electron)
    expect(headers['X-Content-Type-Options']).toBe('nosniff')
    expect(headers['X-Frame-Options']).toBe('DENY')
    expect(directives(electron).get('frame-ancestors')).toEqual(["'none'"])
  })
})
