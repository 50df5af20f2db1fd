import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  serveAppFile,
} from '../../../src/main/electron/appProtocol'
import { buildCsp, securityHeaders } from '../../../src/main/host/csp'

const headers = securityHeaders(buildCsp({ mode: 'electron' }))

describe('app:// protocol', () => {
  let root: string
  let rendererDir: string

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'amos-app-protocol-'))
    rendererDir = join(root, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ActiveMirror</title>')
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), 'top secret')
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const get = (url: string, method = 'GET') => serveAppFile({ url, method }, rendererDir, headers)

  it('serves the built renderer with its type and the security headers', async () => {
    const page = await get(APP_ENTRY_URL)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('ActiveMirror')
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toBe(headers['Content-Security-Policy'])
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    const script = await get('app://renderer/assets/app.js')
    expect(script.headers.get('content-type')).toContain('javascript')
    const head = await get(APP_ENTRY_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/assets/..%5c..%5csecret.txt',
    'app://renderer/missing.js',
  ])('finds nothing outside the renderer folder: %s', async (url) => {
    const answer = await get(url)
    expect(answer.status).toBe(404)
    expect(await answer.text()).not.toContain('top secret')
    expect(answer.headers.get('content-security-policy')).toBeTruthy()
  })

  it('answers only its own host and only GET/HEAD', async () => {
    expect((await get('app://other/index.html')).status).toBe(403)
    expect((await get('https://renderer/index.html')).status).toBe(403)
    const post = await get(APP_ENTRY_URL, 'POST')
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
  })

  it('gives the scheme a secure origin and fetch, and nothing that weakens the page', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true })
  })
})
