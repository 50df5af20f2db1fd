import { create } from 'zustand'
import type { AppInfo } from '../../../shared/routes'
import { request } from '../bridge/bridgeClient'
import { subscribe } from './storeEvents'
import { reportError } from './uiStore'

interface AppState {
  info: AppInfo | null
  load(): Promise<void>
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  async load() {
    const result = await request('app.info', {})
    if (result.ok) set({ info: result.data })
    else reportError(result.error)
  },
}))

subscribe('providers.changed', () => useAppStore.getState().load())
