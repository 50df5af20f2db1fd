import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { currentDiagramTheme, onThemeChange } from '../lib/diagramTheme'
import { releaseDiagram, renderDiagram } from '../lib/mermaidRenderer'
import { SourceToggle } from './SourceToggle'

type State = { status: 'drawing' } | { status: 'drawn' } | { status: 'failed'; message: string }

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
    return () => {
      cancelled = true
      release()
    }
  }, [source, theme])

  return (
    <SourceToggle kind="Diagram" source={source}>
      {state.status === 'failed' ? (
        <div className="diagram-error" role="note">
          <p>Diagram could not be drawn: {state.message}</p>
          <pre className="rendered-block-source">{source}</pre>
        </div>
      ) : (
        <div
          ref={holder}
          className="mermaid-diagram"
          aria-busy={state.status === 'drawing'}
          aria-label={state.status === 'drawing' ? 'Drawing diagram…' : undefined}
        />
      )}
    </SourceToggle>
  )
}
