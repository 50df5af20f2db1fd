import { contextBridge, ipcRenderer } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { MirrorBridge } from '../shared/bridge'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/bridge'

type Listener = (payload: unknown) => void

// One IPC listener for all events; the page only ever sees payloads, never ipcRenderer or the event.
const listeners = new Map<string, Set<Listener>>()

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, frame: unknown) => {
  if (typeof frame !== 'object' || frame === null) return
  const { event, payload } = frame as { event?: unknown; payload?: unknown }
  if (typeof event !== 'string') return
  for (const listener of listeners.get(event) ?? []) {
    try {
      listener(payload)
    } catch (error) {
      console.error(error)
    }
  }
})

const bridge: MirrorBridge = {
  request: (route, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, route, input),
  on(event, listener) {
    const set = listeners.get(event) ?? new Set<Listener>()
    listeners.set(event, set)
    const entry = listener as Listener
    set.add(entry)
    return () => {
      set.delete(entry)
    }
  },
}

contextBridge.exposeInMainWorld('mirror', bridge)
