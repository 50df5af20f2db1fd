import { describe, expect, it } from 'vitest'
import { ALLOWED_PERMISSIONS, allowPermission } from '../../../src/main/electron/permissions'

const APP = 'app://renderer'
const fromApp = {
  permission: 'clipboard-sanitized-write',
  requestingUrl: 'app://renderer/index.html',
  isMainFrame: true,
  fromAppWindow: true,
}

describe('permission handlers', () => {
  it('allow only writing to the clipboard, from the app page in its own window', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write'])
    expect(allowPermission(fromApp, APP)).toBe(true)
    // A check gives the origin, not a URL.
    expect(allowPermission({ ...fromApp, requestingUrl: 'app://renderer' }, APP)).toBe(true)
    // npm run dev: the dev server is the app origin.
    const dev = { ...fromApp, requestingUrl: 'http://localhost:5173/' }
    expect(allowPermission(dev, 'http://localhost:5173')).toBe(true)
    expect(allowPermission(dev, APP)).toBe(false)
  })

  it.each([
    'clipboard-read',
    'media',
    'display-capture',
    'geolocation',
    'notifications',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'hid',
    'serial',
    'usb',
    'midiSysex',
    'fileSystem',
    'storage-access',
    'window-management',
    'unknown',
  ])('deny %s even to the app page', (permission) => {
    expect(allowPermission({ ...fromApp, permission }, APP)).toBe(false)
  })

  it('deny the clipboard to other origins, frames and windows', () => {
    for (const requestingUrl of [
      'https://evil.example/',
      'app://other/index.html',
      'file:///index.html',
      'null',
      '',
      null,
    ]) {
      expect(allowPermission({ ...fromApp, requestingUrl }, APP)).toBe(false)
    }
    expect(allowPermission({ ...fromApp, isMainFrame: false }, APP)).toBe(false)
    expect(allowPermission({ ...fromApp, fromAppWindow: false }, APP)).toBe(false)
  })
})
