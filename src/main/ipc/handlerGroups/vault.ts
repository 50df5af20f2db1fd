import { MirrorError } from '../../../shared/errors'
import { backupFileName } from '../../../shared/vault'
import type { Mirror } from '../../mirrorApi'
import type { HandlerGroup } from '../handlers'

export function createVaultHandlers(mirror: Mirror): HandlerGroup<'vault.'> {
  const { vault } = mirror
  return {
    'vault.status': () => vault.status(),
    'vault.init': (input) => vault.init(input.password),
    'vault.unlock': (input) => vault.unlock(input.password),
    'vault.unlockWithKeychain': () => vault.unlockWithKeychain(),
    'vault.lock': async () => {
      vault.lock('manual')
      return vault.status()
    },
    'vault.remember': (input) => vault.remember(input.on),
    'vault.changePassword': async (input) => {
      await vault.changePassword(input.oldPassword, input.newPassword)
      return vault.status()
    },
    'vault.setAutoLock': async (input) => {
      await vault.changeAutoLock(input.minutes)
      return vault.status()
    },
    'vault.touch': async () => {
      vault.touch()
      return { unlocked: vault.unlocked }
    },
    'vault.listEntries': (input) => vault.list({ category: input.category }),
    'vault.getEntry': async (input) => {
      const entry = await vault.get(input.key)
      if (!entry) throw new MirrorError('NOT_FOUND', `The vault has no entry "${input.key}".`)
      return entry
    },
    'vault.setEntry': ({ key, value, ...options }) => vault.set(key, value, options),
    'vault.deleteEntry': async (input) => ({ deleted: await vault.delete(input.key) }),
    'vault.searchEntries': (input) => vault.search(input.query),
    'vault.stats': () => vault.stats(),
    'vault.check': () => vault.check(),
    'vault.backup': async () => ({
      fileName: backupFileName(new Date()),
      mimeType: 'application/json',
      content: await vault.exportBackup(),
    }),
    'vault.restore': (input) => vault.restoreBackup(input.content, input.password, input.mode),
    'vault.restoreUpload': async (input) => {
      const content = await mirror.transfer.takeUploadText(input.uploadId)
      return vault.restoreBackup(content, input.password, input.mode)
    },
    'vault.importSdk': (input) =>
      vault.importSdkVault(
        input.files.map((f) => ({ name: f.name, data: Buffer.from(f.base64, 'base64') })),
        input.password,
      ),
  }
}
