import type { MirrorBridge } from '../shared/bridge'

declare global {
  interface Window {
    /**
     * Set by the Electron preload. Absent in browser mode, where the renderer's bridge client
     * talks to the browser host over its WebSocket instead.
     */
    readonly mirror?: MirrorBridge
  }
}

export {}
