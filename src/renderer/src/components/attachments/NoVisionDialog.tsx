import { useRef } from 'react'
import type { VisionChoice } from '../../stores/chatStore'
import { Dialog } from '../Dialog'

interface Props {
  choice: VisionChoice
  onWithoutImages(): void
  onPick(providerId: string): void
  onCancel(): void
}

/** MODEL_NO_VISION: the user decides what happens to the images; they are never dropped silently. */
export function NoVisionDialog({ choice, onWithoutImages, onPick, onCancel }: Props) {
  const firstRef = useRef<HTMLButtonElement>(null)
  const one = choice.images.length === 1
  const images = one ? 'the image' : `the ${choice.images.length} images`
  const stay = one ? 'it stays' : 'they stay'
  return (
    <Dialog
      title={`${choice.model} cannot see images`}
      description={`Send the message without ${images} (${stay} on the message in the thread), or send it to a model that reads images.`}
      className="no-vision-dialog"
      onClose={onCancel}
      initialFocus={firstRef}
      actions={
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      }
    >
      {choice.images.length > 0 && (
        <p className="no-vision-images">Images: {choice.images.join(', ')}</p>
      )}
      <div className="no-vision-options">
        <button ref={firstRef} type="button" className="button-primary" onClick={onWithoutImages}>
          Send without images
        </button>
        {choice.visionProviders.map((p) => (
          <button
            key={p.id}
            type="button"
            className="button-secondary"
            onClick={() => onPick(p.id)}
          >
            Use {p.label} ({p.model})
          </button>
        ))}
      </div>
      {choice.visionProviders.length === 0 && (
        <p className="no-vision-none">
          No provider set up here reads images; add one in Settings → Providers.
        </p>
      )}
    </Dialog>
  )
}
