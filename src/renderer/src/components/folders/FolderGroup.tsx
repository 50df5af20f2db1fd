import { memo, useEffect, useId, useMemo } from 'react'
import type { Folder } from '../../../../shared/domain'
import { compareSessions } from '../../lib/sessionGroups'
import { useFoldersStore } from '../../stores/foldersStore'
import { useSessionsStore } from '../../stores/sessionsStore'
import { ActionsMenu } from '../ActionsMenu'
import { moveFocus } from '../sessionListKeys'
import { SessionItem } from '../SessionItem'
import { FolderNameField } from './FolderNameField'
import { useSessionDrop } from './sessionMoveDrag'

/** One folder: a heading that opens and closes it, its actions, and its sessions when open. */
export const FolderGroup = memo(function FolderGroup({ folder }: { folder: Folder }) {
  const open = useFoldersStore((s) => s.expanded[folder.id] === true)
  const renaming = useFoldersStore((s) => s.renamingId === folder.id)
  const toggle = useFoldersStore((s) => s.toggle)
  const startRename = useFoldersStore((s) => s.startRename)
  const rename = useFoldersStore((s) => s.rename)
  const askDelete = useFoldersStore((s) => s.askDelete)
  const list = useSessionsStore((s) => s.folderLists[folder.id])
  const byId = useSessionsStore((s) => s.byId)
  const loadFolder = useSessionsStore((s) => s.loadFolder)
  const loadMore = useSessionsStore((s) => s.loadMoreFolder)
  const { over, props: dropProps } = useSessionDrop(folder.id)
  const listId = useId()

  useEffect(() => {
    if (open && !list?.loaded && !list?.loading) void loadFolder(folder.id)
  }, [open, list?.loaded, list?.loading, loadFolder, folder.id])

  const ids = useMemo(() => {
    const sessions = (list?.ids ?? []).flatMap((id) => {
      const session = byId[id]
      // Moved elsewhere since this list was read: the cache knows better.
      return session && session.folderId === folder.id && !session.archived ? [session] : []
    })
    return sessions.sort(compareSessions).map((s) => s.id)
  }, [list?.ids, byId, folder.id])

  return (
    <li className={over ? 'folder folder-drop' : 'folder'} {...dropProps}>
      <div className="folder-heading">
        {renaming ? (
          <FolderNameField
            initial={folder.name}
            onDone={(name) => (name === null ? startRename(null) : void rename(folder.id, name))}
          />
        ) : (
          <button
            type="button"
            className="folder-toggle"
            aria-expanded={open}
            aria-controls={open ? listId : undefined}
            onClick={() => toggle(folder.id)}
          >
            <span className="folder-chevron" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            <span className="folder-name">{folder.name}</span>
          </button>
        )}
        <ActionsMenu
          label="Folder actions"
          items={[
            { label: 'Rename folder', run: () => startRename(folder.id), refocus: false },
            {
              label: 'Delete folder',
              run: () => askDelete(folder.id),
              danger: true,
              refocus: false,
            },
          ]}
        />
      </div>
      {open && (
        <>
          {ids.length > 0 ? (
            <ul
              id={listId}
              className="session-list folder-sessions"
              aria-label={`Folder ${folder.name}`}
              onKeyDown={moveFocus}
            >
              {ids.map((id) => (
                <SessionItem key={id} sessionId={id} />
              ))}
            </ul>
          ) : (
            <p id={listId} className="sidebar-note folder-empty">
              {list?.loaded ? 'Empty. Drag a session here, or use Move to folder.' : 'Loading…'}
            </p>
          )}
          {list?.nextCursor && (
            <button
              type="button"
              className="button-quiet"
              disabled={list.loading}
              onClick={() => void loadMore(folder.id)}
            >
              Show more in {folder.name}
            </button>
          )}
        </>
      )}
    </li>
  )
})
