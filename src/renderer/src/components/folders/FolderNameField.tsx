import { InlineNameField } from '../InlineNameField'

/** A folder's name, typed in place (New folder, Rename folder). */
export function FolderNameField(props: { initial: string; onDone(name: string | null): void }) {
  return (
    <InlineNameField
      label="Folder name"
      maxLength={100}
      className="rename-field folder-name-field"
      {...props}
    />
  )
}
