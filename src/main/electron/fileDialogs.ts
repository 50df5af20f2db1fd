import path from 'node:path'
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron'
import { app, dialog } from 'electron'

const IMPORTABLE = [
  { name: 'Conversations (JSON, Markdown, zip)', extensions: ['json', 'md', 'markdown', 'zip'] },
  { name: 'All files', extensions: ['*'] },
]

/** Native pickers for the File menu (menuCommands.ts); attached to the window when there is one. */
export async function pickImportPaths(owner: BrowserWindow | null): Promise<string[]> {
  const options: OpenDialogOptions = {
    title: 'Import conversations',
    // Only macOS lets one dialog pick files and folders; elsewhere folders are dropped instead.
    properties:
      process.platform === 'darwin'
        ? ['openFile', 'openDirectory', 'multiSelections']
        : ['openFile', 'multiSelections'],
    filters: IMPORTABLE,
  }
  const result = owner
    ? await dialog.showOpenDialog(owner, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? [] : result.filePaths
}

export async function pickExportFile(
  owner: BrowserWindow | null,
  suggestedName: string,
): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Export all sessions',
    defaultPath: path.join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'Zip archive', extensions: ['zip'] }],
  }
  const result = owner
    ? await dialog.showSaveDialog(owner, options)
    : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}

/** Settings → Privacy → Backups: the folder backups are written into (null: cancelled). */
export async function pickBackupFolder(owner: BrowserWindow | null): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: 'Choose a folder for backups',
    properties: ['openDirectory', 'createDirectory'],
  }
  const result = owner
    ? await dialog.showOpenDialog(owner, options)
    : await dialog.showOpenDialog(options)
  return result.canceled ? null : (result.filePaths[0] ?? null)
}
