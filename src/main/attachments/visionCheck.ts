import type { StagedAttachment } from '../../shared/attachments'
import { MirrorError } from '../../shared/errors'
import { capabilitiesOf } from '../llm/modelCapabilities'
import type { ChatProvider, ProviderRegistry } from '../llm/provider'

/** What the UI offers when the model cannot see the images (MODEL_NO_VISION `data.options`). */
export const NO_VISION_OPTIONS = ['withoutImages', 'pickModel'] as const

/**
 * MODEL_NO_VISION when images would go to a model known not to read them: the user decides
 * (send again with `withoutImages`, or pick one of `visionProviders`); images are never
 * dropped without that choice.
 */
export function checkVision(
  staged: readonly StagedAttachment[],
  provider: ChatProvider,
  model: string,
  providers: Pick<ProviderRegistry, 'list'>,
): void {
  const images = staged.filter((f) => f.kind === 'image')
  if (images.length === 0 || capabilitiesOf(provider, model).images !== false) return
  const visionProviders = providers
    .list()
    .filter((p) => p.kind !== 'offline' && capabilitiesOf(p, p.defaultModel).images !== false)
    .map((p) => ({ id: p.id, label: p.label, model: p.defaultModel }))
  throw new MirrorError(
    'MODEL_NO_VISION',
    `${model} cannot read images. Send without ${images.length === 1 ? 'the image' : 'the images'}, or pick a model that reads images.`,
    {
      provider: provider.id,
      model,
      images: images.map((f) => f.name),
      options: [...NO_VISION_OPTIONS],
      visionProviders,
    },
  )
}
