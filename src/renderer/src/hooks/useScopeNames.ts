import { useEffect, useMemo } from 'react'
import type { ScopeNames } from '../components/memory/scopeNames'
import { useFoldersStore } from '../stores/foldersStore'
import { useInstructionsStore } from '../stores/instructionsStore'
import { useMemoriesStore } from '../stores/memoriesStore'

/** The names scope labels need; folders and personas are read once if nothing has yet. */
export function useScopeNames(): ScopeNames {
  const folders = useFoldersStore((s) => s.folders)
  const foldersLoaded = useFoldersStore((s) => s.loaded)
  const personas = useInstructionsStore((s) => s.personas)
  const personasLoaded = useInstructionsStore((s) => s.loaded)
  const sessions = useMemoriesStore((s) => s.sessions)
  useEffect(() => {
    if (!foldersLoaded) void useFoldersStore.getState().load()
  }, [foldersLoaded])
  useEffect(() => {
    if (!personasLoaded) void useInstructionsStore.getState().load()
  }, [personasLoaded])
  return useMemo(() => ({ folders, personas, sessions }), [folders, personas, sessions])
}
