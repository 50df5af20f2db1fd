import { readFile } from 'node:fs/promises'
import { existingFile, mimeTypeOf, resolveStaticPath } from '../host/staticFiles'

/**
 * The packaged renderer is served from our own `app://renderer/` scheme rather than `file://`:
 * a real origin for CSP `'self'` and the sender guard, and no access to the rest of the disk.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Registered before `ready`: a standard scheme (real origin, relative URLs), a secure context,
 * and fetch. Nothing more: no CSP bypass, no CORS, no service workers, no streaming.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true }

/**
 * Answers one app:// request (protocol.handle): a file of the built renderer with the security
 * headers, or 403/404/405. Only this host, only GET/HEAD, only paths inside `rendererDir`.
 */
export async function serveAppFile(
  request: { url: string; method: string },
  rendererDir: string,
  headers: Record<string, string>,
): Promise<Response> {
  const url = new URL(request.url)
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return new Response('Forbidden', { status: 403, headers })
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', {
      status: 405,
      headers: { ...headers, Allow: 'GET, HEAD' },
    })
  }
  const target = resolveStaticPath(rendererDir, url.pathname)
  const file = target === null ? null : await existingFile(target)
  if (file === null) return new Response('Not found', { status: 404, headers })
  const body = request.method === 'HEAD' ? null : await readFile(file)
  return new Response(body, { headers: { ...headers, 'Content-Type': mimeTypeOf(file) } })
}
