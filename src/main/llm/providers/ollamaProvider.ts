import { createOllama } from 'ollama-ai-provider-v2'
import type { ModelFactory } from './modelFactory'

/** The SDK wants the `/api` prefix in its base URL; users give the server's root. */
export function ollamaApiUrl(baseUrl: string): string {
  const root = baseUrl.replace(/\/+$/, '')
  return root.endsWith('/api') ? root : `${root}/api`
}

/** Ollama's native chat API (`POST /api/chat`, NDJSON stream); no key. */
export const ollamaModel: ModelFactory = ({ baseUrl, model, fetch }) =>
  createOllama({ baseURL: ollamaApiUrl(baseUrl), fetch }).chat(model)
