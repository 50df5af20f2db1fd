import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../src/main/electron/menu'
import { windowOptions } from '../../../src/main/electron/windowOptions'
import { MIN_HEIGHT, MIN_WIDTH } from '../../../src/main/electron/windowState'

describe('window options', () => {
  const options = windowOptions({
    preloadPath: '/app/out/preload/index.cjs',
    bounds: null,
    darkBackground: false,
  })

  it('isolates and sandboxes the renderer with no Node and web security on', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    })
  })

  it('waits for ready-to-show and uses remembered bounds when given', () => {
    expect(options.show).toBe(false)
    expect(options.x).toBeUndefined()
    const placed = windowOptions({
      preloadPath: 'p',
      bounds: { x: 10, y: 20, width: 900, height: 700 },
      darkBackground: true,
    })
    expect(placed).toMatchObject({
      x: 10,
      y: 20,
      width: 900,
      height: 700,
      minWidth: MIN_WIDTH,
      minHeight: MIN_HEIGHT,
    })
    expect(placed.backgroundColor).not.toBe(options.backgroundColor)
  })
})

describe('application menu', () => {
  it('uses the standard roles, with the app menu on macOS only', () => {
    const mac = menuTemplate('darwin', false).map((item) => item.role ?? item.label)
    const linux = menuTemplate('linux', false).map((item) => item.role ?? item.label)
    expect(mac).toEqual(['appMenu', 'fileMenu', 'editMenu', 'View', 'windowMenu'])
    expect(linux).toEqual(['fileMenu', 'editMenu', 'View', 'windowMenu'])
  })

  it('offers dev tools and reload only in development', () => {
    const roles = (dev: boolean) =>
      (menuTemplate('linux', dev).find((item) => item.label === 'View')?.submenu ?? []).map(
        (item) => item.role,
      )
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('reload')
    expect(roles(true)).toContain('toggleDevTools')
  })
})
