import type { LanguageModelV3 } from '@ai-sdk/provider'
import type { FetchFn } from './httpTransport'

export interface ModelFactoryArgs {
  baseUrl: string
  apiKey: string | null
  model: string
  fetch: FetchFn
}

/** Builds an AI SDK provider's language model for one provider kind, talking through the given fetch. */
export type ModelFactory = (args: ModelFactoryArgs) => LanguageModelV3
