import { createAnthropic } from '@ai-sdk/anthropic'
import type { ModelFactory } from './modelFactory'

/** Anthropic Messages API (`POST {baseUrl}/messages`, SSE), key in `x-api-key`. */
export const anthropicModel: ModelFactory = ({ baseUrl, apiKey, model, fetch }) =>
  createAnthropic({ baseURL: baseUrl, apiKey: apiKey ?? '', fetch }).messages(model)
