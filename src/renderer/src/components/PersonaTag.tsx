import { useEffect } from 'react'
import { useInstructionsStore } from '../stores/instructionsStore'
import { useSessionsStore } from '../stores/sessionsStore'

function personaOf(
  metadata: Record<string, unknown> | undefined,
): { id: string; name: string } | null {
  const raw = metadata?.['persona']
  if (typeof raw !== 'object' || raw === null) return null
  const { id, name } = raw as Record<string, unknown>
  return typeof id === 'string' && typeof name === 'string' ? { id, name } : null
}

/** Chat header: the session's persona, or that it was removed (the session then uses none). */
export function PersonaTag({ sessionId }: { sessionId: string }) {
  const id = useSessionsStore((s) => personaOf(s.byId[sessionId]?.metadata)?.id ?? null)
  const name = useSessionsStore((s) => personaOf(s.byId[sessionId]?.metadata)?.name ?? '')
  const loaded = useInstructionsStore((s) => s.loaded)
  const load = useInstructionsStore((s) => s.load)
  const current = useInstructionsStore((s) => s.personas.find((p) => p.id === id) ?? null)

  useEffect(() => {
    if (id && !loaded) void load()
  }, [id, loaded, load])

  if (!id || !loaded) return null
  if (!current) {
    return (
      <span className="tag tag-muted" title="This session now uses no persona">
        Persona “{name}” removed
      </span>
    )
  }
  return <span className="tag">Persona: {current.name}</span>
}
