/** The subset of Electron's MenuItemConstructorOptions we use; Electron roles bring their own shortcuts. */
export interface MenuItemSpec {
  role?:
    | 'appMenu'
    | 'fileMenu'
    | 'editMenu'
    | 'windowMenu'
    | 'reload'
    | 'forceReload'
    | 'toggleDevTools'
    | 'resetZoom'
    | 'zoomIn'
    | 'zoomOut'
    | 'togglefullscreen'
  label?: string
  type?: 'separator'
  submenu?: MenuItemSpec[]
}

/**
 * The application menu: the platform's standard menus (Edit gives copy/paste and undo with the
 * usual shortcuts; macOS gets its app menu). App shortcuts such as Ctrl/Cmd+N and Ctrl/Cmd+K are
 * handled by the renderer, so no accelerator here may take them.
 */
export function menuTemplate(platform: NodeJS.Platform, development: boolean): MenuItemSpec[] {
  const view: MenuItemSpec[] = [
    ...(development
      ? [
          { role: 'reload' as const },
          { role: 'forceReload' as const },
          { role: 'toggleDevTools' as const },
        ]
      : []),
    ...(development ? [{ type: 'separator' as const }] : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ]
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ]
}
