import { MirrorError } from '../../shared/errors'
import type { ErrorInfo } from '../../shared/errors'
import { isModelListed, listModels } from './modelCatalog'
import type { CatalogOptions } from './modelCatalog'
import { KEY_REQUIRED } from './providerConfig'
import type { ProviderConfig } from './providerConfig'

export type ConnectionTestResult =
  | {
      ok: true
      models: string[]
      /** False only for OpenAI-compatible servers, which often serve a model under any name. */
      modelListed: boolean
      latencyMs: number
    }
  | { ok: false; error: ErrorInfo }

/**
 * "Test connection": reaches the provider with the key, lists its models and checks the chosen
 * one is there. Costs no tokens. Never throws; the error says what to do next.
 */
export async function testConnection(
  config: ProviderConfig,
  apiKey: string | null,
  options: CatalogOptions = {},
): Promise<ConnectionTestResult> {
  if (!apiKey && KEY_REQUIRED[config.type]) {
    return {
      ok: false,
      error: new MirrorError(
        'PROVIDER_NOT_CONFIGURED',
        `No API key is set for ${config.label}. Add it in Settings.`,
        { id: config.id },
      ).toInfo(),
    }
  }
  const started = performance.now()
  let models: string[]
  try {
    models = await listModels(config, apiKey, options)
  } catch (error) {
    const info =
      error instanceof MirrorError
        ? error.toInfo()
        : { code: 'INTERNAL' as const, message: 'The connection test failed unexpectedly.' }
    return { ok: false, error: info }
  }
  const latencyMs = Math.round(performance.now() - started)
  const modelListed = isModelListed(config.model, models)
  if (!modelListed && config.type !== 'openai-compatible') {
    const some = models.slice(0, 5).join(', ')
    return {
      ok: false,
      error: new MirrorError(
        'PROVIDER_MODEL_NOT_FOUND',
        `${config.label} is reachable but does not offer the model "${config.model}". ` +
          (some
            ? `Choose one it lists (for example ${some}).`
            : 'Check the model name in Settings.'),
        { provider: config.label, models: models.slice(0, 50) },
      ).toInfo(),
    }
  }
  return { ok: true, models, modelListed, latencyMs }
}
