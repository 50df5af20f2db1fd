import type { Bounds } from './windowState'
import { MIN_HEIGHT, MIN_WIDTH } from './windowState'

/** The subset of Electron's BrowserWindowConstructorOptions we set; kept here so it is testable. */
export interface WindowOptions {
  x?: number
  y?: number
  width: number
  height: number
  minWidth: number
  minHeight: number
  show: boolean
  title: string
  backgroundColor: string
  autoHideMenuBar: boolean
  webPreferences: {
    preload: string
    contextIsolation: true
    sandbox: true
    nodeIntegration: false
    nodeIntegrationInWorker: false
    nodeIntegrationInSubFrames: false
    webSecurity: true
    allowRunningInsecureContent: false
    webviewTag: false
    navigateOnDragDrop: false
    spellcheck: boolean
  }
}

export interface WindowOptionsInput {
  preloadPath: string
  bounds: Bounds | null
  darkBackground: boolean
}

/** Hardened window options: the renderer gets no Node, an isolated sandboxed preload, and the web's security. */
export function windowOptions(input: WindowOptionsInput): WindowOptions {
  const position = input.bounds ? { x: input.bounds.x, y: input.bounds.y } : {}
  return {
    ...position,
    width: input.bounds?.width ?? 1200,
    height: input.bounds?.height ?? 800,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    // Shown on ready-to-show so the user never sees an empty white frame.
    show: false,
    title: 'ActiveMirror',
    backgroundColor: input.darkBackground ? '#15161a' : '#f7f7f8',
    autoHideMenuBar: false,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Dropped files are imported by the renderer; a drop must never navigate the window away.
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  }
}
