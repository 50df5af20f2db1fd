import { create } from 'zustand'
import type {
  ConnectionTest,
  ProviderDraft,
  ProviderInfo,
  ProviderPatchInput,
} from '../../../shared/routeGroups/providers'
import { request } from '../bridge/bridgeClient'
import { publish } from './storeEvents'
import type { UserError } from '../lib/userError'

/** An error shown next to the form that caused it (role alert), not in the global alerts. */

interface ProvidersState {
  providers: ProviderInfo[]
  defaultProviderId: string
  loaded: boolean
  error: UserError | null
  /** Model lists fetched from each provider's server. */
  models: Record<string, string[]>
  tests: Record<string, ConnectionTest | 'running'>
  load(): Promise<void>
  /** Adds or updates, then stores the key when one was typed. Resolves to the saved provider. */
  save(
    draft: ProviderDraft,
    options: { existing: boolean; key: string },
  ): Promise<{ provider: ProviderInfo | null; keyError: UserError | null; error: UserError | null }>
  remove(id: string): Promise<boolean>
  clearKey(id: string): Promise<UserError | null>
  setDefault(id: string | null): Promise<void>
  loadModels(id: string): Promise<void>
  test(id: string): Promise<void>
}

function patchOf(draft: ProviderDraft): ProviderPatchInput {
  return {
    type: draft.type,
    model: draft.model,
    ...(draft.label ? { label: draft.label } : {}),
    baseUrl: draft.baseUrl ?? null,
    embeddingModel: draft.embeddingModel ?? null,
  }
}

export const useProvidersStore = create<ProvidersState>()((set, get) => {
  function put(provider: ProviderInfo): void {
    set((state) => {
      const exists = state.providers.some((p) => p.id === provider.id)
      return {
        providers: exists
          ? state.providers.map((p) => (p.id === provider.id ? provider : p))
          : [...state.providers, provider],
      }
    })
  }

  return {
    providers: [],
    defaultProviderId: 'offline',
    loaded: false,
    error: null,
    models: {},
    tests: {},

    async load() {
      const result = await request('providers.list', {})
      if (!result.ok) {
        set({ error: result.error, loaded: true })
        return
      }
      set({ ...result.data, loaded: true, error: null })
    },

    async save(draft, { existing, key }) {
      const result = existing
        ? await request('providers.update', { id: draft.id, patch: patchOf(draft) })
        : await request('providers.add', draft)
      if (!result.ok) return { provider: null, keyError: null, error: result.error }
      let provider = result.data
      put(provider)
      let keyError: UserError | null = null
      if (key.trim()) {
        const stored = await request('providers.setKey', { id: draft.id, key })
        if (stored.ok) provider = stored.data
        else keyError = stored.error
        put(provider)
      }
      // A new model or URL makes an earlier test result stale.
      set((state) => {
        const tests = { ...state.tests }
        delete tests[draft.id]
        return { tests }
      })
      if (provider.isDefault) void publish('providers.changed', {})
      return { provider, keyError, error: null }
    },

    async remove(id) {
      const result = await request('providers.remove', { id })
      if (!result.ok) {
        set({ error: result.error })
        return false
      }
      await get().load()
      void publish('providers.changed', {})
      return true
    },

    async clearKey(id) {
      const result = await request('providers.clearKey', { id })
      if (!result.ok) return result.error
      put(result.data)
      return null
    },

    async setDefault(id) {
      const result = await request('providers.setDefault', { id })
      if (!result.ok) {
        set({ error: result.error })
        return
      }
      set({ ...result.data, error: null })
      void publish('providers.changed', {})
    },

    async loadModels(id) {
      const result = await request('providers.models', { id })
      if (result.ok) set((state) => ({ models: { ...state.models, [id]: result.data.models } }))
      else set((state) => ({ tests: { ...state.tests, [id]: { ok: false, error: result.error } } }))
    },

    async test(id) {
      set((state) => ({ tests: { ...state.tests, [id]: 'running' } }))
      const result = await request('providers.test', { id })
      const outcome: ConnectionTest = result.ok ? result.data : { ok: false, error: result.error }
      set((state) => ({
        tests: { ...state.tests, [id]: outcome },
        ...(outcome.ok ? { models: { ...state.models, [id]: outcome.models } } : {}),
      }))
    },
  }
})
