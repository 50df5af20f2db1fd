import type { ReactNode } from 'react'
import { useId, useState } from 'react'

interface Props {
  /** What the rendered part is, for the bar and the button's name: "Formula", "Diagram". */
  kind: string
  source: string
  children: ReactNode
}

/** A rendered formula or diagram with its source one click away. */
export function SourceToggle({ kind, source, children }: Props) {
  const [showSource, setShowSource] = useState(false)
  const id = useId()
  return (
    <figure className="rendered-block" aria-label={kind}>
      <div className="rendered-block-bar">
        <span className="rendered-block-kind">{kind}</span>
        <button
          type="button"
          className="rendered-block-toggle"
          aria-pressed={showSource}
          aria-controls={id}
          onClick={() => setShowSource((shown) => !shown)}
        >
          {showSource ? 'Hide source' : 'Show source'}
        </button>
      </div>
      <div id={id} className="rendered-block-body">
        {/* The rendering stays mounted while hidden: a diagram is not drawn again on the way back. */}
        <div hidden={showSource}>{children}</div>
        {showSource && <pre className="rendered-block-source">{source}</pre>}
      </div>
    </figure>
  )
}
