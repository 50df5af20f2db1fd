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
    | 'close'
    | 'quit'
  label?: string
  accelerator?: string
  click?: () => void
  type?: 'separator'
  submenu?: MenuItemSpec[]
}

/** What the File menu's own items do (menuCommands.ts, run by the main process). */
export interface FileMenuActions {
  importFiles(): void
  exportAll(): void
}

/**
 * The application menu: the platform's standard menus (Edit gives copy/paste and undo with the
 * usual shortcuts; macOS gets its app menu) and File with Import… and Export all…. App shortcuts
 * such as Ctrl/Cmd+N and Ctrl/Cmd+K are handled by the renderer, so no accelerator here may take
 * them.
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  development: boolean,
  actions: FileMenuActions,
): MenuItemSpec[] {
  const file: MenuItemSpec[] = [
    { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
    { label: 'Export all…', accelerator: 'CmdOrCtrl+Shift+E', click: () => actions.exportAll() },
    { type: 'separator' },
    // What Electron's own File menu holds: Close Window on macOS (the app stays), Quit elsewhere.
    { role: platform === 'darwin' ? 'close' : 'quit' },
  ]
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
    { label: 'File', submenu: file },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ]
}
