import { useRef } from 'react'
import { useFoldersStore } from '../../stores/foldersStore'
import { useSessionsStore } from '../../stores/sessionsStore'
import { Dialog } from '../Dialog'

/** "Move to folder…": a button per folder and "No folder"; the current one is marked. */
export function MoveToFolderDialog() {
  const sessionId = useFoldersStore((s) => s.movingSessionId)
  const askMove = useFoldersStore((s) => s.askMove)
  const folders = useFoldersStore((s) => s.folders)
  const session = useSessionsStore((s) => (sessionId ? s.byId[sessionId] : undefined))
  const move = useSessionsStore((s) => s.move)
  const expand = useFoldersStore((s) => s.expand)
  const cancelRef = useRef<HTMLButtonElement>(null)

  if (!sessionId || !session) return null
  const current = session.folderId ?? null
  const choose = (folderId: string | null, name?: string) => {
    askMove(null)
    if (folderId === current) return
    // Open the folder so the session is seen arriving there.
    if (folderId !== null) expand(folderId)
    void move(sessionId, folderId, name)
  }
  const choices = [
    { id: null, name: 'No folder' },
    ...folders.map((f) => ({ id: f.id as string | null, name: f.name })),
  ]
  return (
    <Dialog
      title={`Move “${session.title}” to folder`}
      description={
        folders.length === 0 ? 'There are no folders yet: create one with New folder.' : undefined
      }
      onClose={() => askMove(null)}
      closeOnBackdrop
      initialFocus={cancelRef}
      actions={
        <button
          ref={cancelRef}
          type="button"
          className="button-secondary"
          onClick={() => askMove(null)}
        >
          Cancel
        </button>
      }
    >
      <ul className="folder-choices" aria-label="Folders">
        {choices.map((choice) => (
          <li key={choice.id ?? ''}>
            <button
              type="button"
              className="folder-choice"
              aria-current={choice.id === current ? 'true' : undefined}
              onClick={() => choose(choice.id, choice.name)}
            >
              {choice.name}
              {choice.id === current && <span className="folder-current"> (current)</span>}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  )
}
