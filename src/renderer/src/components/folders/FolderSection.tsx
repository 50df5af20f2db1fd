import { useEffect } from 'react'
import { useFoldersStore } from '../../stores/foldersStore'
import { FolderGroup } from './FolderGroup'
import { FolderNameField } from './FolderNameField'

/** The sidebar's folders: "New folder" and one collapsible group per folder. */
export function FolderSection() {
  const folders = useFoldersStore((s) => s.folders)
  const loaded = useFoldersStore((s) => s.loaded)
  const load = useFoldersStore((s) => s.load)
  const creating = useFoldersStore((s) => s.creating)
  const startCreate = useFoldersStore((s) => s.startCreate)
  const create = useFoldersStore((s) => s.create)

  useEffect(() => {
    if (!loaded) void load()
  }, [loaded, load])

  return (
    <section className="folder-section" aria-label="Folders">
      <div className="group-heading-row">
        <h2 className="group-heading">Folders</h2>
        <button
          type="button"
          className="button-quiet button-small"
          onClick={() => startCreate(true)}
          disabled={creating}
        >
          New folder
        </button>
      </div>
      {creating && (
        <FolderNameField
          initial=""
          onDone={(name) => (name === null ? startCreate(false) : void create(name))}
        />
      )}
      {folders.length > 0 && (
        <ul className="session-list folder-list">
          {folders.map((folder) => (
            <FolderGroup key={folder.id} folder={folder} />
          ))}
        </ul>
      )}
    </section>
  )
}
