import { create } from 'zustand'
import type { SdkVaultImportReport } from '../../../shared/sdkVault'
import { isSdkVaultFileName } from '../../../shared/sdkVaultNames'
import { request } from '../bridge/bridgeClient'
import { readBytes, toBase64 } from '../components/transfer/fileTransport'
import type { UserError } from '../lib/userError'
import { userError } from '../lib/userError'
import { publish } from './storeEvents'

interface SdkVaultImportState {
  busy: boolean
  error: UserError | null
  report: SdkVaultImportReport | null
  /** Sends the chosen folder's SDK vault files to main, which decrypts and imports them. */
  importFolder(files: readonly File[], password: string): Promise<SdkVaultImportReport | null>
  reset(): void
}

/** The file's name inside the chosen folder; null for files in its subfolders (not the SDK's). */
function nameInFolder(file: File): string | null {
  const parts = (file.webkitRelativePath || file.name).split('/')
  return parts.length <= 2 ? (parts[parts.length - 1] ?? null) : null
}

/** The SDK's files, plus JSON files so main can say when the folder holds a vault backup instead. */
async function folderFiles(files: readonly File[]) {
  const picked = files.flatMap((file) => {
    const name = nameInFolder(file)
    return name && (isSdkVaultFileName(name) || name.endsWith('.json')) ? [{ name, file }] : []
  })
  return Promise.all(
    picked.map(async ({ name, file }) => ({ name, base64: toBase64(await readBytes(file)) })),
  )
}

export const useSdkVaultImportStore = create<SdkVaultImportState>()((set) => ({
  busy: false,
  error: null,
  report: null,

  async importFolder(files, password) {
    set({ busy: true, error: null, report: null })
    const sent = await folderFiles(files)
    if (sent.length === 0) {
      set({
        busy: false,
        error: {
          code: 'IMPORT_UNSUPPORTED_FORMAT',
          message:
            'This folder holds no ActiveMirrorOS SDK vault (.vault_index.enc and <key>.vault files).',
        },
      })
      return null
    }
    const result = await request('vault.importSdk', { files: sent, password })
    set({ busy: false })
    if (!result.ok) {
      set({ error: userError(result.error) })
      return null
    }
    set({ report: result.data })
    await publish('vault.entriesChanged', {})
    return result.data
  },

  reset() {
    set({ busy: false, error: null, report: null })
  },
}))
