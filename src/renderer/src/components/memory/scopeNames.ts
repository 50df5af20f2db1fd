import type { MemoryScope } from '../../../../shared/memory'
import type { SessionScopes } from '../../stores/memoriesStore'

/** Names of the folders, personas and sessions a scope may point at. */
export interface ScopeNames {
  folders: ReadonlyArray<{ id: string; name: string }>
  personas: ReadonlyArray<{ id: string; name: string }>
  sessions: Record<string, SessionScopes | null>
}

/** "Global", "Folder “Work”", "Persona “Coach”", "Session “Trip plans”". */
export function scopeLabel(scope: MemoryScope, names: ScopeNames): string {
  switch (scope.kind) {
    case 'global':
      return 'Global'
    case 'folder': {
      const folder = names.folders.find((f) => f.id === scope.id)
      return folder ? `Folder “${folder.name}”` : 'A deleted folder'
    }
    case 'persona': {
      const persona = names.personas.find((p) => p.id === scope.id)
      return persona ? `Persona “${persona.name}”` : 'A persona'
    }
    case 'session': {
      const session = names.sessions[scope.id]
      if (session === null) return 'A deleted session'
      return session ? `Session “${session.title}”` : 'One session'
    }
  }
}

/** A scope as a <select> value, and back. */
export function scopeKey(scope: MemoryScope): string {
  return scope.kind === 'global' ? 'global' : `${scope.kind}:${scope.id}`
}

export function scopeFromKey(key: string): MemoryScope {
  const at = key.indexOf(':')
  if (at < 0) return { kind: 'global' }
  const kind = key.slice(0, at) as Exclude<MemoryScope['kind'], 'global'>
  return { kind, id: key.slice(at + 1) }
}

/**
 * The scopes a memory can take from a session: global, the session's folder and persona (when it
 * has them), the session itself, and `current` when it is none of these (another folder…).
 */
export function scopeChoices(
  sessionId: string,
  scopes: SessionScopes | null | undefined,
  current?: MemoryScope,
): MemoryScope[] {
  const choices: MemoryScope[] = [{ kind: 'global' }]
  if (scopes?.folderId) choices.push({ kind: 'folder', id: scopes.folderId })
  if (scopes?.persona) choices.push({ kind: 'persona', id: scopes.persona.id })
  choices.push({ kind: 'session', id: sessionId })
  if (current && !choices.some((c) => scopeKey(c) === scopeKey(current))) choices.push(current)
  return choices
}
