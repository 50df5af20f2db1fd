import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../src/main/electron/menu'
import type { FileMenuActions } from '../../../src/main/electron/menu'
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
  const noop: FileMenuActions = { importFiles: () => undefined, exportAll: () => undefined }
  const template = (platform: NodeJS.Platform, dev = false, actions = noop) =>
    menuTemplate(platform, dev, actions)
  const fileMenu = (platform: NodeJS.Platform, actions = noop) =>
    template(platform, false, actions).find((item) => item.label === 'File')?.submenu ?? []

  it('uses the standard roles, with the app menu on macOS only', () => {
    const mac = template('darwin').map((item) => item.role ?? item.label)
    const linux = template('linux').map((item) => item.role ?? item.label)
    expect(mac).toEqual(['appMenu', 'File', 'editMenu', 'View', 'windowMenu'])
    expect(linux).toEqual(['File', 'editMenu', 'View', 'windowMenu'])
  })

  it('File holds Import… and Export all…, which run their actions, then Close or Quit', () => {
    const ran: string[] = []
    const items = fileMenu('linux', {
      importFiles: () => void ran.push('import'),
      exportAll: () => void ran.push('export'),
    })
    expect(items.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'Import…',
      'Export all…',
      'separator',
      'quit',
    ])
    items[0]!.click?.()
    items[1]!.click?.()
    expect(ran).toEqual(['import', 'export'])
    expect(fileMenu('darwin').at(-1)?.role).toBe('close')
  })

  it('takes no shortcut the renderer handles (Ctrl/Cmd+N, Ctrl/Cmd+K)', () => {
    const accelerators = (items: ReturnType<typeof template>): string[] =>
      items.flatMap((item) => [
        ...(item.accelerator ? [item.accelerator] : []),
        ...accelerators(item.submenu ?? []),
      ])
    const taken = accelerators(template('linux', true))
    expect(taken).toEqual(['CmdOrCtrl+O', 'CmdOrCtrl+Shift+E'])
    expect(taken).not.toContain('CmdOrCtrl+N')
    expect(taken).not.toContain('CmdOrCtrl+K')
  })

  it('offers dev tools and reload only in development', () => {
    const roles = (dev: boolean) =>
      (template('linux', dev).find((item) => item.label === 'View')?.submenu ?? []).map(
        (item) => item.role,
      )
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('reload')
    expect(roles(true)).toContain('toggleDevTools')
  })
})
