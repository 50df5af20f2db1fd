import { describe, expect, it } from 'vitest'
import { externalUrlToOpen } from '../../../src/main/electron/externalLinks'

describe('external links', () => {
  it.each([
    ['https://example.com/docs?q=1#top', 'https://example.com/docs?q=1#top'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://EXAMPLE.com/A', 'https://example.com/A'],
  ])('opens %s as %s', (raw, expected) => {
    expect(externalUrlToOpen(raw)).toBe(expected)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'app://renderer/index.html',
    'smb://server/share',
    'ms-settings:privacy',
    'mailto:someone@example.com',
    'https://user:pass@example.com/',
    'https://bank.example@evil.example/',
    'http://',
    'https//missing-colon.example',
    '/relative/path',
    'not a url',
    '',
  ])('keeps %s inside', (raw) => {
    expect(externalUrlToOpen(raw)).toBeNull()
  })

  it('refuses non-strings and absurdly long URLs', () => {
    expect(externalUrlToOpen(undefined)).toBeNull()
    expect(externalUrlToOpen({ href: 'https://example.com' })).toBeNull()
    expect(externalUrlToOpen(`https://example.com/${'a'.repeat(9000)}`)).toBeNull()
  })
})
