/**
 * The packaged renderer is served from our own `app://renderer/` scheme rather than `file://`:
 * a real origin for CSP `'self'` and the sender guard, and no access to the rest of the disk.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'renderer'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`
