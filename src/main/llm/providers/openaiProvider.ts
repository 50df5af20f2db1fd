import { createOpenAI } from '@ai-sdk/openai'
import type { ModelFactory } from './modelFactory'

/**
 * OpenAI through the Chat Completions streaming endpoint (`POST {baseUrl}/chat/completions`).
 * `createOpenAI()(model)` would use the Responses API; `.chat()` keeps the wire format every
 * OpenAI-compatible server speaks.
 */
export const openAiModel: ModelFactory = ({ baseUrl, apiKey, model, fetch }) =>
  createOpenAI({ baseURL: baseUrl, apiKey: apiKey ?? '', fetch }).chat(model)
