import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import type { ModelFactory } from './modelFactory'

/**
 * LM Studio, llama.cpp server, vLLM, OpenRouter…: Chat Completions at `{baseUrl}/chat/completions`
 * (the base URL usually ends in `/v1`). The key is optional; without one no Authorization header
 * is sent. `includeUsage` asks for the final usage chunk (`stream_options.include_usage`).
 */
export const openAiCompatibleModel: ModelFactory = ({ baseUrl, apiKey, model, fetch }) =>
  createOpenAICompatible({
    name: 'openai-compatible',
    baseURL: baseUrl,
    ...(apiKey ? { apiKey } : {}),
    includeUsage: true,
    fetch,
  }).chatModel(model)
