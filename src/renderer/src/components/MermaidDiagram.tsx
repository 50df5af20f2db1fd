import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { currentDiagramTheme, onThemeChange } from '../lib/diagramTheme'
import { releaseDiagram, renderDiagram } from '../lib/mermaidRenderer'
import { SourceToggle } from './SourceToggle'

type State = { status: 'drawing' } | { status: 'drawn' } | { status: 'failed'; message: string }

const DRAW_DELAY_MS = 150

/** A key that changes when the theme's colours do, so the diagram is drawn again. */
function themeKey(): string {
  return JSON.stringify(currentDiagramTheme())
}

/** A ```mermaid fence, drawn as an SVG once Mermaid's chunk has loaded. */
export function MermaidDiagram({ source }: { source: string }) {
  const holder = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<State>({ status: 'drawing' })
  const theme = useSyncExternalStore(onThemeChange, themeKey)

  useEffect(() => {
    let cancelled = false
    let release = () => {}
    const draw = () =>
      renderDiagram(source, JSON.parse(theme) as ReturnType<typeof currentDiagramTheme>).then(
        (diagram) => {
          if (cancelled || !holder.current) return releaseDiagram(diagram)
          holder.current.replaceChildren(diagram.svg)
          release = () => releaseDiagram(diagram)
          setState({ status: 'drawn' })
        },
        (error: unknown) => {
          if (cancelled) return
          const message = error instanceof Error ? error.message : String(error)
          setState({ status: 'failed', message: message.split('\n')[0] ?? message })
        },
      )
    // A streaming reply changes the source with every word: draw once it has settled.
    const timer = setTimeout(() => void draw(), DRAW_DELAY_MS)
    return () => {
      cancelled = true
      clearTimeout(timer)
      release()
    }
  }, [source, theme])

  return (
    <SourceToggle kind="Diagram" source={source}>
      {state.status === 'failed' && (
        <div className="diagram-error" role="note">
          <p>Diagram could not be drawn: {state.message}</p>
          <pre className="rendered-block-source">{source}</pre>
        </div>
      )}
      {/* Kept mounted when a drawing fails: the next version of a streaming diagram goes here. */}
      <div
        ref={holder}
        className="mermaid-diagram"
        hidden={state.status === 'failed'}
        aria-busy={state.status === 'drawing'}
        aria-label={state.status === 'drawing' ? 'Drawing diagram…' : undefined}
      />
    </SourceToggle>
  )
}
