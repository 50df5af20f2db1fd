import type { WithheldContext } from '../../../../shared/domain'

function withheldText(withheld: WithheldContext): string | null {
  const what =
    withheld.memories && withheld.recall
      ? 'Memories and messages recalled from past sessions were'
      : withheld.memories
        ? 'Memories were'
        : withheld.recall
          ? 'Messages recalled from past sessions were'
          : null
  if (!what) return null
  return `${what} withheld: this model is not local, and “Send memories only to local models” is on (Settings → Memories).`
}

/** Memories and recall kept from a model that is not local ("Send memories only to local models"). */
export function WithheldNote({ withheld }: { withheld: WithheldContext | undefined }) {
  const text = withheld ? withheldText(withheld) : null
  return text ? <p className="context-withheld">{text}</p> : null
}
