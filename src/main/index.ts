import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserWindow as BrowserWindowType, IpcMainInvokeEvent, WebContents } from 'electron'
import {
  BrowserWindow,
  Menu,
  app,
  ipcMain,
  nativeImage,
  powerMonitor,
  nativeTheme,
  protocol,
  screen,
  session,
  shell,
} from 'electron'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  serveAppFile,
} from './electron/appProtocol'
import { buildCsp, securityHeaders } from './host/csp'
import { DRAG_ICON_DATA_URL } from './electron/dragIcon'
import { pickBackupFolder, pickExportFile, pickImportPaths } from './electron/fileDialogs'
import { menuTemplate } from './electron/menu'
import { guardContents } from './electron/navigationGuards'
import { allowPermission } from './electron/permissions'
import { exportAllFromMenu, importFromMenu } from './electron/menuCommands'
import type { MenuCommandDeps } from './electron/menuCommands'
import { isTrustedSender } from './electron/senderGuard'
import { windowOptions } from './electron/windowOptions'
import { fitBounds, loadWindowState, saveWindowState } from './electron/windowState'
import { broadcastToWindows, registerIpc } from './ipc/electronIpc'
import { checkedEvents, uncheckedEvents } from './ipc/eventCheck'
import { guardedRouter } from './ipc/guardedRouter'
import { withHostRoutes } from './ipc/hostRoutes'
import { detectStorageKind } from './mirror'
import { appFilesDir, resolveDataDir } from './paths'
import type { CoreClient } from './core/coreClient'
import type { CoreConfig } from './core/coreFrames'
import { startupStorage } from './historySetup'
import { withStorageSwitch } from './host/storageSwitch'
import { startCoreClient } from './core/coreClient'
import { electronNativeBinding } from './sqlite/nativeBinding'
import type { StorageKind } from './storage/storage'

const here = path.dirname(fileURLToPath(import.meta.url))
const PRELOAD_PATH = path.join(here, '../preload/index.cjs')
const RENDERER_DIR = path.join(here, '../renderer')
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const appOrigin = devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN
const csp = devServerUrl
  ? buildCsp({ mode: 'development', devServerUrl })
  : buildCsp({ mode: 'electron' })
const cspHeaders = securityHeaders(csp)

const envStorage = process.env.AMOS_STORAGE
// AMOS_STORAGE=postgres reads the server from AMOS_DATABASE_URL (docs/storage.md "PostgreSQL").
const storage: StorageKind | undefined =
  envStorage === 'json' || envStorage === 'sqlite' || envStorage === 'postgres'
    ? envStorage
    : undefined
const dataDir = resolveDataDir(undefined, { env: process.env, cwd: process.cwd() })
// Chromium's own files go with the app's files, never into a JSON (SDK) store's top level.
const userDataDir = appFilesDir(dataDir, storage ?? detectStorageKind(dataDir))
const windowStateFile = path.join(userDataDir, 'window-state.json')

// Must happen before `ready`: the scheme gets a real origin, secure-context rules and fetch.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])
app.setPath('userData', userDataDir)

const windowIds = new Set<number>()
let mainWindow: BrowserWindowType | null = null
let core: CoreClient | null = null
let pendingSave: Promise<void> = Promise.resolve()

function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  return isTrustedSender(
    {
      frameUrl: frame?.url ?? null,
      isTopFrame: frame !== null && frame.parent === null,
      windowId: BrowserWindow.fromWebContents(event.sender)?.id ?? null,
    },
    { appOrigin, windowIds },
  )
}

function isAppWindow(contents: WebContents | null): boolean {
  const id = contents ? BrowserWindow.fromWebContents(contents)?.id : undefined
  return id !== undefined && windowIds.has(id)
}

function hardenSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const ask = {
      permission,
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
      fromAppWindow: isAppWindow(contents),
    }
    callback(allowPermission(ask, appOrigin))
  })
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const ask = {
      permission,
      requestingUrl: requestingOrigin,
      isMainFrame: details.isMainFrame,
      fromAppWindow: isAppWindow(contents),
    }
    return allowPermission(ask, appOrigin)
  })
  // Covers the dev server's responses; app:// responses carry the same headers themselves.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders = { ...details.responseHeaders }
    for (const [name, value] of Object.entries(cspHeaders)) responseHeaders[name] = [value]
    callback({ responseHeaders })
  })
  protocol.handle(APP_SCHEME, (request) => serveAppFile(request, RENDERER_DIR, cspHeaders))
}

// Every webContents (windows and anything they might try to create) gets the same rules.
app.on('web-contents-created', (_event, contents) => {
  guardContents(contents, appOrigin, (url) => void shell.openExternal(url))
})

async function createWindow(): Promise<void> {
  const saved = await loadWindowState(windowStateFile)
  const displays = screen.getAllDisplays().map((display) => ({ workArea: display.workArea }))
  const bounds = saved ? fitBounds(saved.bounds, displays) : null
  const window = new BrowserWindow(
    windowOptions({
      preloadPath: PRELOAD_PATH,
      bounds,
      darkBackground: nativeTheme.shouldUseDarkColors,
    }),
  )
  const id = window.id
  windowIds.add(id)
  mainWindow = window
  if (saved?.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', () => {
    const state = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    pendingSave = saveWindowState(windowStateFile, state).catch((error: unknown) => {
      console.error('Could not remember the window position:', error)
    })
  })
  window.on('closed', () => {
    windowIds.delete(id)
    if (mainWindow === window) mainWindow = null
  })
  await window.loadURL(devServerUrl ?? APP_ENTRY_URL)
}

// Outside packaged builds every event is checked against the events table before it is sent.
const eventGuard = app.isPackaged
  ? uncheckedEvents
  : checkedEvents((error) => console.error('Event not sent:', error))

const toAllWindows = eventGuard(
  broadcastToWindows(() => [...windowIds].map((id) => BrowserWindow.fromId(id)?.webContents)),
)

function menuCommandDeps(running: CoreClient): MenuCommandDeps {
  const owner = (): BrowserWindowType | null => BrowserWindow.getFocusedWindow() ?? mainWindow
  return {
    transfer: {
      importPaths: (paths) => running.command('importPaths', paths),
      writeAllZip: (file) => running.command('writeAllZip', file),
    },
    pickImportPaths: () => pickImportPaths(owner()),
    pickExportFile: (name) => pickExportFile(owner(), name),
    notify: (event) => toAllWindows('menu.transfer', event),
  }
}

const fileMenu = {
  importFiles: () => void (core && importFromMenu(menuCommandDeps(core))),
  exportAll: () => void (core && exportAllFromMenu(menuCommandDeps(core))),
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

async function start(): Promise<void> {
  await app.whenReady()
  hardenSession()
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(process.platform, !app.isPackaged, fileMenu)),
  )
  // The core (storage, crypto, providers) runs in a worker thread: this thread only forwards
  // requests and events and does what needs Electron, so no query or import freezes a window.
  // node_modules' better-sqlite3 is built for Node; the worker loads the copy that
  // `npm run rebuild:electron` made for Electron's ABI (docs/storage.md).
  // AMOS_STORAGE wins; else what Settings → Storage saved; else the default (docs/storage.md).
  const start = await startupStorage({ dataDir, storage })
  let config: CoreConfig = {
    dataDir,
    storage: start.storage,
    databaseUrl: start.databaseUrl,
    storageOverridden: start.overridden,
    host: 'electron',
    version: app.getVersion(),
    validateOutput: !app.isPackaged,
    nativeBinding: electronNativeBinding(app.getAppPath()),
  }
  const running = await startCoreClient({
    config,
    onRestarted: (reason) => toAllWindows('core.restarted', { reason }),
    onGaveUp: (reason) => toAllWindows('core.stopped', { reason }),
  })
  core = running
  const dragIcon = nativeImage.createFromDataURL(DRAG_ICON_DATA_URL)
  // Native dialogs a window asks for are answered here; everything else goes to the core.
  const switching = withStorageSwitch(running, {
    dataDir,
    config: () => config,
    restartOn: async (next) => {
      await running.restartOn(next)
      config = next
    },
  })
  const hostRoutes = withHostRoutes(switching, {
    'backup.chooseFolder': async () => ({
      folder: await pickBackupFolder(BrowserWindow.getFocusedWindow() ?? mainWindow),
    }),
  })
  registerIpc(ipcMain, guardedRouter(hostRoutes, senderIsTrusted), {
    eventGuard,
    startDrag: (contents, file) => contents.startDrag({ file, icon: dragIcon }),
  })
  running.onBroadcast(toAllWindows)
  // Sleep and screen lock close the vault at once (browser mode has only the idle timer).
  const lockVault = () => void running.command('lockVault', 'system').catch(() => {})
  powerMonitor.on('suspend', lockVault)
  powerMonitor.on('lock-screen', lockVault)
  await createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow()
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', focusMainWindow)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', (event) => {
    if (!core) return
    // Let the window state and the storage finish writing before the process goes.
    event.preventDefault()
    const closing = core
    core = null
    void pendingSave.then(() => closing.close()).finally(() => app.quit())
  })
  start().catch((error: unknown) => {
    console.error('ActiveMirror could not start:', error)
    app.exit(1)
  })
}
